package com.valuekiosk.kiosk.diagnostics.readers;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One PC/SC reader as the scan saw it: its name, whether a card is in it (with the card's ATR in hex), and its PC/SC
 * part 10 features by tag with their control codes ({@code featuresProblem} says why there are none, when the
 * reader refused the question).
 */
public record ReaderInfo(String name, boolean cardPresent, Optional<String> atrHex, Map<Integer, Integer> features,
                         Optional<String> featuresProblem) {

    public ReaderInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(atrHex, "atrHex");
        features = Map.copyOf(features);
        Objects.requireNonNull(featuresProblem, "featuresProblem");
    }

    /** "FEATURE_VERIFY_PIN_DIRECT (0x42330006)", in tag order. */
    public List<String> featureNames() {
        return features.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> PcscFeatures.name(e.getKey()) + String.format(" (0x%08X)", e.getValue())).toList();
    }

    public boolean hasPinPad() {
        return PcscFeatures.isPinPad(features);
    }
}

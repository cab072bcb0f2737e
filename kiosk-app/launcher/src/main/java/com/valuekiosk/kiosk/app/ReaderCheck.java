package com.valuekiosk.kiosk.app;

import com.valuekiosk.kiosk.app.config.KioskConfig;
import com.valuekiosk.kiosk.app.config.ReaderChoice;
import com.valuekiosk.kiosk.reader.CardReader;
import com.valuekiosk.kiosk.reader.PcscReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What {@code --self-check} and {@code check-config} say about one configured reader: found (with a card in it or
 * not), not found, or no PC/SC service. A reader that is not found, or that cannot be looked for because pcscd does
 * not run, fails both commands; a reader without a card does not.
 *
 * @param key the setting ({@code reader.contact}, {@code reader.contactless})
 * @param configured the configured name (no control characters: the configuration refuses them)
 * @param detail the PC/SC name of the reader found, or PC/SC's words for what is missing
 */
public record ReaderCheck(String key, String configured, Status status, String detail) {

    public enum Status {
        FOUND_WITH_CARD("found, card in it"),
        FOUND_NO_CARD("found, no card"),
        NOT_FOUND("not found"),
        NO_SERVICE("no PC/SC service");

        private final String words;

        Status(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public ReaderCheck {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(configured, "configured");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    /** Found: the kiosk can use it (a card need not be in it). */
    public boolean ok() {
        return status == Status.FOUND_WITH_CARD || status == Status.FOUND_NO_CARD;
    }

    /** {@code reader.contact "ACS ACR39U": found, no card (ACS ACR39U ICC Reader 00 00)}. */
    public String summary() {
        return key + " \"" + configured + "\": " + status.words() + " (" + detail + ")";
    }

    /** The reader as it is now; a {@link PcscReader} is asked once more first, on this thread. */
    public static ReaderCheck of(String key, String configured, CardReader reader) {
        if (reader instanceof PcscReader pcsc) {
            pcsc.pollOnce();
            String detail = pcsc.terminalName().orElse(pcsc.stateDetail());
            return new ReaderCheck(key, configured, status(pcsc), detail);
        }
        return new ReaderCheck(key, configured, status(reader), reader.name());
    }

    private static Status status(CardReader reader) {
        return switch (reader.state()) {
            case READY -> reader.isCardPresent() ? Status.FOUND_WITH_CARD : Status.FOUND_NO_CARD;
            case NO_READER -> Status.NOT_FOUND;
            case SERVICE_UNAVAILABLE -> Status.NO_SERVICE;
        };
    }

    /** The configured readers of a site, looked for once through {@code pcsc} (check-config; nothing kept open). */
    public static List<ReaderCheck> check(KioskConfig config, Supplier<PcscReader.TerminalsSource> pcsc) {
        List<ReaderCheck> checks = new ArrayList<>();
        check(KioskConfig.READER_CONTACT, config.contactReader(), CardReader.Kind.CONTACT, pcsc, checks);
        check(KioskConfig.READER_CONTACTLESS, config.contactlessReader(), CardReader.Kind.CONTACTLESS, pcsc, checks);
        return checks;
    }

    private static void check(String key, ReaderChoice choice, CardReader.Kind kind,
                              Supplier<PcscReader.TerminalsSource> pcsc, List<ReaderCheck> checks) {
        if (choice.kind() != ReaderChoice.Kind.PCSC) {
            return;
        }
        try (PcscReader reader = new PcscReader(choice.pcscName(), kind, pcsc.get(), PcscReader.DEFAULT_POLL_INTERVAL)) {
            checks.add(of(key, choice.pcscName(), reader));
        }
    }
}

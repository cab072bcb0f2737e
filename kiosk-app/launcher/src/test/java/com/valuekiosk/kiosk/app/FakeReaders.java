package com.valuekiosk.kiosk.app;

import com.valuekiosk.kiosk.reader.PcscReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;

/**
 * PC/SC for the launcher's tests: readers by name, with or without a card, or no PC/SC service at all. Cards cannot
 * be connected to (the self-check and check-config only look).
 */
final class FakeReaders implements PcscReader.TerminalsSource {

    private final Map<String, Boolean> readers; // name → card in it; null: no service

    private FakeReaders(Map<String, Boolean> readers) {
        this.readers = readers;
    }

    /** A PC/SC service with these readers (name → a card is in it). */
    static FakeReaders with(Map<String, Boolean> readers) {
        return new FakeReaders(Map.copyOf(readers));
    }

    /** pcscd not running. */
    static FakeReaders noService() {
        return new FakeReaders(null);
    }

    @Override
    public Optional<CardTerminals> terminals() {
        if (readers == null) {
            return Optional.empty();
        }
        return Optional.of(new CardTerminals() {
            @Override
            public List<CardTerminal> list(State state) {
                List<CardTerminal> terminals = new ArrayList<>();
                readers.keySet().stream().sorted().forEach(name -> terminals.add(terminal(name, readers.get(name))));
                return terminals;
            }

            @Override
            public boolean waitForChange(long timeout) {
                throw new AssertionError("PcscReader must not wait on PC/SC");
            }
        });
    }

    private static CardTerminal terminal(String name, boolean cardIn) {
        return new CardTerminal() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public Card connect(String protocol) throws CardException {
                throw new CardException("the launcher's tests connect to no card");
            }

            @Override
            public boolean isCardPresent() {
                return cardIn;
            }

            @Override
            public boolean waitForCardPresent(long timeout) {
                throw new AssertionError("PcscReader must not wait on PC/SC");
            }

            @Override
            public boolean waitForCardAbsent(long timeout) {
                throw new AssertionError("PcscReader must not wait on PC/SC");
            }
        };
    }
}

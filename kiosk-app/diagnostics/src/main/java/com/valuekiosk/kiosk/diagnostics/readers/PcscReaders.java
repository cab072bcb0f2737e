package com.valuekiosk.kiosk.diagnostics.readers;

import com.valuekiosk.kiosk.diagnostics.atr.Atr;
import com.valuekiosk.kiosk.reader.CardReader;
import com.valuekiosk.kiosk.reader.CardSession;
import com.valuekiosk.kiosk.reader.NoCardException;
import com.valuekiosk.kiosk.reader.PcscPinPad;
import com.valuekiosk.kiosk.reader.PcscReader;
import com.valuekiosk.kiosk.reader.ReaderException;
import com.valuekiosk.card.host.CardTransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;

/**
 * This machine's PC/SC readers for the checks, on the engine's own PC/SC ({@link PcscReader.TerminalsSource}, a
 * {@code PcscContext} at a site): list them with their features and cards, and open a session on one — through a
 * {@link PcscReader}, so the checks talk to a card exactly as the kiosk does (GET RESPONSE handling, a card taken
 * away is a {@code CardRemovedException}, …). Every call answers at once or fails; none waits for a card.
 */
public final class PcscReaders {

    private final PcscReader.TerminalsSource pcsc;

    public PcscReaders(PcscReader.TerminalsSource pcsc) {
        this.pcsc = Objects.requireNonNull(pcsc, "pcsc");
    }

    public PcscReader.TerminalsSource source() {
        return pcsc;
    }

    /**
     * The readers PC/SC has now, in its order.
     *
     * @throws ReaderException when there is no PC/SC service (pcscd not running) or it cannot list readers
     */
    public List<ReaderInfo> scan() throws ReaderException {
        List<ReaderInfo> readers = new ArrayList<>();
        for (CardTerminal terminal : terminals()) {
            readers.add(describe(terminal));
        }
        return readers;
    }

    /** The names of the readers now; empty when PC/SC has none. */
    public List<String> names() throws ReaderException {
        return terminals().stream().map(CardTerminal::getName).toList();
    }

    List<CardTerminal> terminals() throws ReaderException {
        Optional<CardTerminals> terminals;
        try {
            terminals = pcsc.terminals();
        } catch (RuntimeException e) {
            pcsc.reset();
            throw new ReaderException("PC/SC is not usable: " + e.getMessage(), e);
        }
        if (terminals.isEmpty()) {
            throw new ReaderException("the PC/SC service (pcscd) is not running");
        }
        try {
            return terminals.get().list();
        } catch (CardException e) {
            if (String.valueOf(e.getMessage()).contains("SCARD_E_NO_READERS_AVAILABLE")
                    || (e.getCause() != null && String.valueOf(e.getCause().getMessage()).contains("NO_READERS"))) {
                return List.of();
            }
            pcsc.reset(); // the service may have gone: ask again with a new context next time
            String text = e.getMessage() + (e.getCause() == null ? "" : " " + e.getCause().getMessage());
            if (text.contains("NO_SERVICE") || text.contains("SERVICE_STOPPED") || text.contains("INVALID_HANDLE")) {
                throw new ReaderException("the PC/SC service (pcscd) is not running (" + e.getMessage() + ")", e);
            }
            throw new ReaderException("PC/SC cannot list its readers: " + e.getMessage(), e);
        }
    }

    private static ReaderInfo describe(CardTerminal terminal) {
        boolean present;
        try {
            present = terminal.isCardPresent();
        } catch (CardException e) {
            present = false;
        }
        Optional<String> atr = Optional.empty();
        Map<Integer, Integer> features = Map.of();
        Optional<String> problem = Optional.empty();
        // With a card, a shared connection to it; without, a direct one to the reader (SCARD_SHARE_DIRECT).
        Card card = null;
        try {
            card = terminal.connect(present ? "*" : "DIRECT");
            if (present) {
                atr = Optional.of(Atr.parse(card.getATR().getBytes()).hex());
            }
            features = features(card);
            if (features.isEmpty()) {
                problem = Optional.of("no PC/SC part 10 features");
            }
        } catch (CardException | RuntimeException e) {
            problem = Optional.of((present && atr.isEmpty() ? "the card did not answer" : "no PC/SC part 10 features")
                    + " (" + code(e) + ")");
        } finally {
            if (card != null) {
                try {
                    card.disconnect(false);
                } catch (CardException | RuntimeException e) {
                    // the reader forgets the connection anyway
                }
            }
        }
        return new ReaderInfo(terminal.getName(), present, atr, features, problem);
    }

    /** "SCARD_E_UNSUPPORTED_FEATURE" out of PC/SC's message, else the message. */
    static String code(Exception e) {
        String text = String.valueOf(e.getMessage());
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("SCARD_[EWFP]_[A-Z_]+").matcher(text);
        return matcher.find() ? matcher.group() : text;
    }

    private static Map<Integer, Integer> features(Card card) throws CardException {
        return PcscPinPad.features(card.transmitControlCommand(PcscPinPad.GET_FEATURE_REQUEST, new byte[0]));
    }

    /**
     * A session on the card in {@code readerName} (the exact PC/SC name, or a part of it as the kiosk's configuration
     * writes it). The caller closes it; closing powers the card down.
     *
     * @throws NoCardException when the reader is empty
     * @throws ReaderException when there is no such reader or no PC/SC service
     */
    public Session open(String readerName) throws CardTransportException {
        PcscReader reader = new PcscReader(readerName, CardReader.Kind.CONTACT, pcsc, Duration.ofMillis(250));
        try {
            reader.pollOnce();
            if (reader.state() != CardReader.State.READY) {
                throw new ReaderException("reader \"" + readerName + "\": " + reader.stateDetail());
            }
            String name = reader.terminalName().orElse(readerName);
            return new Session(name, reader, reader.connect());
        } catch (CardTransportException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** A card session and the reader it came from, closed together. */
    public static final class Session implements AutoCloseable {

        private final String readerName;
        private final PcscReader reader;
        private final CardSession card;

        Session(String readerName, PcscReader reader, CardSession card) {
            this.readerName = readerName;
            this.reader = reader;
            this.card = card;
        }

        /** The reader's full PC/SC name. */
        public String readerName() {
            return readerName;
        }

        public CardSession card() {
            return card;
        }

        @Override
        public void close() {
            try {
                card.close();
            } finally {
                reader.close();
            }
        }
    }
}

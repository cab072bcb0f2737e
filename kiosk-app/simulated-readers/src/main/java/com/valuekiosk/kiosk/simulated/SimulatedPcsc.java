package com.valuekiosk.kiosk.simulated;

import com.valuekiosk.card.host.CardTransportException;
import com.valuekiosk.kiosk.reader.CardSession;
import com.valuekiosk.kiosk.reader.PcscReader;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.smartcardio.ATR;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/**
 * Simulated readers seen through {@code javax.smartcardio}, as PC/SC would show them: so that code written for PC/SC
 * (the technician's diagnostics) runs on the demo's simulated cards. Each {@link SimulatedReader} is a terminal of the
 * same name; a connection is one of the reader's sessions, so taking the card away mid-command behaves as it does for
 * the kiosk. Simulated readers have no PC/SC part 10 features (no PIN pad): control commands are refused as a reader
 * without them refuses them. Nothing here waits: card events are polled.
 */
public final class SimulatedPcsc implements PcscReader.TerminalsSource {

    private final Terminals terminals;

    public SimulatedPcsc(List<SimulatedReader> readers) {
        this.terminals = new Terminals(List.copyOf(readers));
    }

    @Override
    public Optional<CardTerminals> terminals() {
        return Optional.of(terminals);
    }

    private static final class Terminals extends CardTerminals {

        private final List<SimulatedReader> readers;

        Terminals(List<SimulatedReader> readers) {
            this.readers = readers;
        }

        @Override
        public List<CardTerminal> list(State state) {
            return readers.stream().filter(SimulatedReader::isPluggedIn)
                    .filter(reader -> switch (state) {
                        case ALL -> true;
                        case CARD_PRESENT -> reader.isCardPresent();
                        case CARD_ABSENT -> !reader.isCardPresent();
                        // Changes are not tracked: a caller polls list(ALL) instead.
                        case CARD_INSERTION, CARD_REMOVAL -> false;
                    })
                    .<CardTerminal>map(Terminal::new).toList();
        }

        @Override
        public boolean waitForChange(long timeout) {
            return false;
        }
    }

    private static final class Terminal extends CardTerminal {

        private final SimulatedReader reader;

        Terminal(SimulatedReader reader) {
            this.reader = reader;
        }

        @Override
        public String getName() {
            return reader.name();
        }

        @Override
        public Card connect(String protocol) throws CardException {
            if ("DIRECT".equals(protocol)) {
                return new SimulatedCardConnection(null);
            }
            try {
                return new SimulatedCardConnection(reader.connect());
            } catch (com.valuekiosk.kiosk.reader.NoCardException e) {
                throw new CardNotPresentException("no card in " + reader.name());
            } catch (CardTransportException e) {
                throw new CardException(e.getMessage(), e);
            }
        }

        @Override
        public boolean isCardPresent() {
            return reader.isCardPresent();
        }

        @Override
        public boolean waitForCardPresent(long timeout) {
            return reader.isCardPresent();
        }

        @Override
        public boolean waitForCardAbsent(long timeout) {
            return !reader.isCardPresent();
        }
    }

    /** A connection to the card (a reader session), or to the reader alone ({@code session} null, "DIRECT"). */
    private static final class SimulatedCardConnection extends Card {

        private final CardSession session;
        private final CardChannel basic = new BasicChannel();

        SimulatedCardConnection(CardSession session) {
            this.session = session;
        }

        @Override
        public ATR getATR() {
            return session == null ? new ATR(new byte[] {0x3B, 0x00}) : new ATR(session.atr());
        }

        @Override
        public String getProtocol() {
            return session == null ? "DIRECT" : "T=1";
        }

        @Override
        public CardChannel getBasicChannel() {
            return basic;
        }

        @Override
        public CardChannel openLogicalChannel() throws CardException {
            throw new CardException("SCARD_E_UNSUPPORTED_FEATURE: simulated cards have the basic channel only");
        }

        @Override
        public void beginExclusive() {
        }

        @Override
        public void endExclusive() {
        }

        @Override
        public byte[] transmitControlCommand(int controlCode, byte[] command) throws CardException {
            throw new CardException("SCARD_E_UNSUPPORTED_FEATURE: a simulated reader has no PC/SC part 10 features");
        }

        @Override
        public void disconnect(boolean reset) {
            if (session != null) {
                session.close();
            }
        }

        private final class BasicChannel extends CardChannel {

            @Override
            public Card getCard() {
                return SimulatedCardConnection.this;
            }

            @Override
            public int getChannelNumber() {
                return 0;
            }

            @Override
            public ResponseAPDU transmit(CommandAPDU command) throws CardException {
                Objects.requireNonNull(command, "command");
                if (session == null) {
                    throw new IllegalStateException("a connection to the reader alone carries no APDU");
                }
                try {
                    return new ResponseAPDU(session.transmit(command.getBytes()));
                } catch (CardTransportException e) {
                    throw new CardException(e.getMessage(), e);
                }
            }

            @Override
            public int transmit(ByteBuffer command, ByteBuffer response) throws CardException {
                byte[] bytes = new byte[command.remaining()];
                command.get(bytes);
                byte[] answer = transmit(new CommandAPDU(bytes)).getBytes();
                response.put(answer);
                return answer.length;
            }

            @Override
            public void close() {
                throw new IllegalStateException("the basic channel cannot be closed");
            }
        }
    }
}

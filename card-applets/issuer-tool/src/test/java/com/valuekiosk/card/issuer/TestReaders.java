package com.valuekiosk.card.issuer;

import com.valuekiosk.card.host.CardTransport;
import com.valuekiosk.card.host.CardTransportException;
import java.nio.ByteBuffer;
import java.security.Provider;
import java.util.List;
import javax.smartcardio.ATR;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import javax.smartcardio.TerminalFactory;
import javax.smartcardio.TerminalFactorySpi;

/**
 * PC/SC readers for tests: a {@link TerminalFactory} whose terminals hold simulated cards (any
 * {@link CardTransport}) or nothing. jcardsim's own smartcardio provider keeps its card in static
 * state in the test's class loader; the simulator's cards each have a loader of their own.
 */
final class TestReaders {

    private TestReaders() {
    }

    /** A reader with a card in it, or an empty one when {@code card} is null. */
    record Reader(String name, CardTransport card) {
    }

    static TerminalFactory factory(Reader... readers) {
        return factory("Test", readers);
    }

    /** What {@code TerminalFactory.getDefault()} gives when PC/SC is missing: type "None". */
    static TerminalFactory noPcscService() {
        return factory("None");
    }

    private static TerminalFactory factory(String type, Reader... readers) {
        Provider provider = new Provider("ValueKioskTestReaders", "1.0", "test readers") {
            private static final long serialVersionUID = 1L;

            {
                put("TerminalFactory." + type, Spi.class.getName());
            }
        };
        try {
            return TerminalFactory.getInstance(type, List.of(readers), provider);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static final class Spi extends TerminalFactorySpi {
        private final List<Reader> readers;

        @SuppressWarnings("unchecked")
        public Spi(Object parameters) {
            this.readers = (List<Reader>) parameters;
        }

        @Override
        protected CardTerminals engineTerminals() {
            List<CardTerminal> terminals = readers.stream().<CardTerminal>map(Terminal::new).toList();
            return new CardTerminals() {
                @Override
                public List<CardTerminal> list(State state) {
                    return terminals;
                }

                @Override
                public boolean waitForChange(long timeout) {
                    return false;
                }
            };
        }
    }

    private static final class Terminal extends CardTerminal {
        private final Reader reader;

        Terminal(Reader reader) {
            this.reader = reader;
        }

        @Override
        public String getName() {
            return reader.name();
        }

        @Override
        public Card connect(String protocol) throws CardException {
            if (reader.card() == null) {
                throw new CardException("no card present");
            }
            return new TestCard(reader.card());
        }

        @Override
        public boolean isCardPresent() {
            return reader.card() != null;
        }

        @Override
        public boolean waitForCardPresent(long timeout) {
            return isCardPresent();
        }

        @Override
        public boolean waitForCardAbsent(long timeout) {
            return !isCardPresent();
        }
    }

    private static final class TestCard extends Card {
        private final CardTransport transport;

        TestCard(CardTransport transport) {
            this.transport = transport;
        }

        @Override
        public ATR getATR() {
            return new ATR(new byte[] {0x3B, 0x00});
        }

        @Override
        public String getProtocol() {
            return "T=1";
        }

        @Override
        public CardChannel getBasicChannel() {
            Card card = this;
            return new CardChannel() {
                @Override
                public Card getCard() {
                    return card;
                }

                @Override
                public int getChannelNumber() {
                    return 0;
                }

                @Override
                public ResponseAPDU transmit(CommandAPDU command) throws CardException {
                    try {
                        return new ResponseAPDU(transport.transmit(command.getBytes()));
                    } catch (CardTransportException e) {
                        throw new CardException(e.getMessage(), e);
                    }
                }

                @Override
                public int transmit(ByteBuffer command, ByteBuffer response) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void close() {
                    throw new IllegalStateException("the basic channel cannot be closed");
                }
            };
        }

        @Override
        public CardChannel openLogicalChannel() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void beginExclusive() {
        }

        @Override
        public void endExclusive() {
        }

        @Override
        public byte[] transmitControlCommand(int controlCode, byte[] command) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void disconnect(boolean reset) {
        }
    }
}

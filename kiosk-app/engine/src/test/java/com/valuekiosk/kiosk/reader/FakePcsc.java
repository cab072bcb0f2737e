package com.valuekiosk.kiosk.reader;

import com.valuekiosk.card.sim.SimulatedCard;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
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
 * A PC/SC stand-in for tests: a service that can be stopped, readers that come and go, cards (scripted, or
 * a {@link SimulatedCard}) that are put in and taken out. The JDK's failures are imitated the way the JDK
 * reports them: a {@code CardException} whose cause's message is the PC/SC code.
 */
final class FakePcsc implements PcscReader.TerminalsSource {

    /** Answers one APDU like a card would, or fails like PC/SC would. */
    @FunctionalInterface
    interface Responder {
        byte[] answer(byte[] command) throws CardException;
    }

    /** Answers a control command (SCardControl). */
    @FunctionalInterface
    interface Controller {
        byte[] control(int code, byte[] command) throws CardException;
    }

    static CardException pcscFailure(String what, String code) {
        return new CardException(what, new Exception(code));
    }

    private boolean serviceRunning = true;
    private final List<FakeTerminal> terminals = new ArrayList<>();
    private CardException listFailure;
    int polls;
    /** How often the reader asked for a new PC/SC context ({@link #reset()}). */
    int resets;

    @Override
    public synchronized void reset() {
        resets++;
    }

    @Override
    public synchronized Optional<CardTerminals> terminals() {
        polls++;
        if (!serviceRunning) {
            return Optional.empty();
        }
        return Optional.of(new CardTerminals() {
            @Override
            public List<CardTerminal> list(State state) throws CardException {
                synchronized (FakePcsc.this) {
                    if (listFailure != null) {
                        throw listFailure;
                    }
                    if (terminals.isEmpty()) {
                        // pcsc-lite with no reader: the JDK's list() throws instead of answering an empty list.
                        throw pcscFailure("list() failed", "SCARD_E_NO_READERS_AVAILABLE");
                    }
                    return List.copyOf(terminals);
                }
            }

            @Override
            public boolean waitForChange(long timeout) {
                throw new AssertionError("PcscReader must not wait on PC/SC");
            }
        });
    }

    synchronized void stopService() {
        serviceRunning = false;
    }

    synchronized void startService() {
        serviceRunning = true;
    }

    /** The next list() calls fail with this (null: work again). */
    synchronized void failListing(CardException failure) {
        listFailure = failure;
    }

    synchronized FakeTerminal plugIn(String name) {
        FakeTerminal terminal = new FakeTerminal(name);
        terminals.add(terminal);
        return terminal;
    }

    synchronized void unplug(FakeTerminal terminal) {
        terminals.remove(terminal);
    }

    /** One reader. */
    static final class FakeTerminal extends CardTerminal {

        private final String name;
        private volatile FakeCard card;
        volatile CardException presenceFailure;
        volatile CardException connectFailure;
        volatile String lastProtocol;

        FakeTerminal(String name) {
            this.name = name;
        }

        FakeCard insert(Responder responder) {
            card = new FakeCard(responder);
            return card;
        }

        FakeCard insert(SimulatedCard simulated) {
            simulated.powerOff();
            return insert(simulated::transmit);
        }

        void remove() {
            card = null;
        }

        FakeCard card() {
            return card;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public Card connect(String protocol) throws CardException {
            lastProtocol = protocol;
            if (connectFailure != null) {
                throw connectFailure;
            }
            FakeCard present = card;
            if (present == null) {
                throw new CardNotPresentException("No card present", new Exception("SCARD_E_NO_SMARTCARD"));
            }
            if (present.disconnected) {
                // Like the JDK: a new connection after a disconnect, to the same card.
                FakeCard again = new FakeCard(present.responder);
                again.controller = present.controller;
                card = again;
                return again;
            }
            return present;
        }

        @Override
        public boolean isCardPresent() throws CardException {
            if (presenceFailure != null) {
                throw presenceFailure;
            }
            return card != null;
        }

        @Override
        public boolean waitForCardPresent(long timeout) {
            throw new AssertionError("PcscReader must not wait on PC/SC");
        }

        @Override
        public boolean waitForCardAbsent(long timeout) {
            throw new AssertionError("PcscReader must not wait on PC/SC");
        }

        @Override
        public String toString() {
            return "FakeTerminal[" + name + "]";
        }
    }

    /** One card, answering through a responder. */
    static final class FakeCard extends Card {

        private final Responder responder;
        final List<byte[]> commands = new ArrayList<>();
        final List<Integer> controlCodes = new ArrayList<>();
        final List<byte[]> controlCommands = new ArrayList<>();
        volatile Controller controller = (code, command) -> {
            throw pcscFailure("transmitControlCommand() failed", "SCARD_E_NOT_TRANSACTED");
        };
        volatile boolean disconnected;
        volatile boolean resetOnDisconnect;

        FakeCard(Responder responder) {
            this.responder = responder;
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
            FakeCard card = this;
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
                    if (disconnected) {
                        throw new IllegalStateException("Card has been disconnected");
                    }
                    byte[] bytes = command.getBytes();
                    synchronized (commands) {
                        commands.add(bytes);
                    }
                    return new ResponseAPDU(responder.answer(bytes));
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
        public byte[] transmitControlCommand(int controlCode, byte[] command) throws CardException {
            controlCodes.add(controlCode);
            controlCommands.add(command.clone());
            return controller.control(controlCode, command);
        }

        @Override
        public void disconnect(boolean reset) {
            disconnected = true;
            resetOnDisconnect = reset;
        }
    }
}

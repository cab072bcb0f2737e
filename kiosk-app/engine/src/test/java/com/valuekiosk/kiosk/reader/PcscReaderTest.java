package com.valuekiosk.kiosk.reader;

import static com.valuekiosk.kiosk.reader.CardEvent.Type.CARD_INSERTED;
import static com.valuekiosk.kiosk.reader.CardEvent.Type.CARD_REMOVED;
import static com.valuekiosk.kiosk.reader.CardEvent.Type.READER_FOUND;
import static com.valuekiosk.kiosk.reader.CardEvent.Type.READER_LOST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.valuekiosk.card.host.Bytes;
import com.valuekiosk.card.host.CardCommands;
import com.valuekiosk.card.host.CardStatusException;
import com.valuekiosk.card.host.CreditCardApplication;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.kiosk.reader.CardReader.Kind;
import com.valuekiosk.kiosk.reader.CardReader.State;
import com.valuekiosk.kiosk.reader.FakePcsc.FakeCard;
import com.valuekiosk.kiosk.reader.FakePcsc.FakeTerminal;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PcscReaderTest {

    private static final String CONFIGURED = "ACR39U";
    private static final String TERMINAL = "ACS ACR39U ICC Reader 00 00";

    private final FakePcsc pcsc = new FakePcsc();
    private final PcscReader reader = new PcscReader(CONFIGURED, Kind.CONTACT, pcsc, Duration.ofMillis(250));
    private final EventRecorder events = new EventRecorder();

    PcscReaderTest() {
        reader.addListener(events);
    }

    @AfterEach
    void closeReader() {
        reader.close();
    }

    // ---------------------------------------------------------------- states and events

    @Test
    void beforeTheFirstPollThereIsNoReader() {
        assertThat(reader.state()).isEqualTo(State.NO_READER);
        assertThat(reader.isCardPresent()).isFalse();
        assertThat(pcsc.polls).isZero();
    }

    @Test
    void noPcscServiceIsServiceUnavailableNotAnException() {
        pcsc.stopService();

        reader.pollOnce();

        assertThat(reader.state()).isEqualTo(State.SERVICE_UNAVAILABLE);
        assertThat(reader.stateDetail()).contains("not running");
        assertThat(events.types()).isEmpty();
        assertThatThrownBy(reader::connect).isInstanceOf(ReaderException.class).hasMessageContaining("not running");
    }

    @Test
    void pcscWithoutReadersIsNoReader() {
        reader.pollOnce();

        assertThat(reader.state()).isEqualTo(State.NO_READER);
        assertThat(reader.stateDetail()).contains("SCARD_E_NO_READERS_AVAILABLE");
        assertThat(events.types()).isEmpty();
        assertThatThrownBy(reader::connect).isInstanceOf(ReaderException.class).hasMessageContaining("not connected");
    }

    @Test
    void otherReadersAreNotOurs() {
        pcsc.plugIn("Identiv uTrust 3700 F CL Reader 00 00");

        reader.pollOnce();

        assertThat(reader.state()).isEqualTo(State.NO_READER);
        assertThat(reader.stateDetail()).contains("no reader matches");
    }

    @Test
    void aReaderAppearsACardComesAndGoesAndTheReaderIsLost() {
        reader.pollOnce();
        FakeTerminal terminal = pcsc.plugIn(TERMINAL);

        reader.pollOnce();
        assertThat(reader.state()).isEqualTo(State.READY);
        assertThat(reader.terminalName()).contains(TERMINAL);
        assertThat(events.types()).containsExactly(READER_FOUND);

        terminal.insert(TestCards.creditCard());
        reader.pollOnce();
        assertThat(reader.isCardPresent()).isTrue();

        reader.pollOnce(); // no change, no event
        terminal.remove();
        reader.pollOnce();
        assertThat(reader.isCardPresent()).isFalse();

        pcsc.unplug(terminal);
        reader.pollOnce();
        assertThat(reader.state()).isEqualTo(State.NO_READER);
        assertThat(reader.terminalName()).isEmpty();

        assertThat(events.types()).containsExactly(READER_FOUND, CARD_INSERTED, CARD_REMOVED, READER_LOST);
        assertThat(events.events()).allSatisfy(event -> assertThat(event.readerName()).isEqualTo(CONFIGURED));
    }

    @Test
    void eventsArriveOnThePollingThread() {
        pcsc.plugIn(TERMINAL);

        reader.pollOnce();

        assertThat(events.threads()).containsExactly(Thread.currentThread());
    }

    @Test
    void aReaderFoundWithACardInItReportsBoth() {
        pcsc.plugIn(TERMINAL).insert(TestCards.creditCard());

        reader.pollOnce();

        assertThat(events.types()).containsExactly(READER_FOUND, CARD_INSERTED);
        assertThat(reader.isCardPresent()).isTrue();
    }

    @Test
    void aReaderLostWithACardInItSaysOnlyReaderLost() {
        FakeTerminal terminal = pcsc.plugIn(TERMINAL);
        terminal.insert(TestCards.creditCard());
        reader.pollOnce();
        events.clear();

        pcsc.unplug(terminal);
        reader.pollOnce();

        assertThat(events.types()).containsExactly(READER_LOST);
        assertThat(reader.isCardPresent()).isFalse();
    }

    @Test
    void theServiceStoppingLosesTheReaderAndItsReturnFindsItAgain() {
        pcsc.plugIn(TERMINAL);
        reader.pollOnce();

        pcsc.stopService();
        reader.pollOnce();
        assertThat(reader.state()).isEqualTo(State.SERVICE_UNAVAILABLE);

        pcsc.startService();
        reader.pollOnce();
        assertThat(reader.state()).isEqualTo(State.READY);
        assertThat(events.types()).containsExactly(READER_FOUND, READER_LOST, READER_FOUND);
    }

    @Test
    void aDeadPcscContextIsServiceUnavailable() {
        pcsc.plugIn(TERMINAL);
        reader.pollOnce();

        pcsc.failListing(FakePcsc.pcscFailure("list() failed", "SCARD_E_SERVICE_STOPPED"));
        reader.pollOnce();

        assertThat(reader.state()).isEqualTo(State.SERVICE_UNAVAILABLE);
        assertThat(reader.stateDetail()).contains("SCARD_E_SERVICE_STOPPED");
        assertThat(events.types()).containsExactly(READER_FOUND, READER_LOST);
    }

    @Test
    void aDeadContextIsDroppedSoThatTheNextPollEstablishesANewOne() {
        pcsc.plugIn(TERMINAL);
        reader.pollOnce();
        assertThat(pcsc.resets).as("a working context is kept").isZero();

        pcsc.failListing(FakePcsc.pcscFailure("list() failed", "SCARD_E_NO_SERVICE")); // pcscd restarted under us
        reader.pollOnce();
        assertThat(pcsc.resets).isEqualTo(1);

        pcsc.failListing(null);
        reader.pollOnce();
        assertThat(reader.state()).isEqualTo(State.READY);
        assertThat(events.types()).containsExactly(READER_FOUND, READER_LOST, READER_FOUND);
        assertThat(pcsc.resets).isEqualTo(1);
    }

    @Test
    void aReaderThatIsNotThereKeepsTheContext() {
        pcsc.plugIn("Some Other Reader 00 00");
        reader.pollOnce();
        reader.pollOnce();
        assertThat(reader.state()).isEqualTo(State.NO_READER);
        assertThat(pcsc.resets).isZero();
    }

    @Test
    void aReaderNameWithControlCharactersIsRefused() {
        assertThatThrownBy(() -> new PcscReader("ACS\nACR39U", Kind.CONTACT, pcsc, Duration.ofMillis(250)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control characters");
    }

    @Test
    void aReaderThatVanishesBetweenListingAndAskingIsNoReader() {
        FakeTerminal terminal = pcsc.plugIn(TERMINAL);
        reader.pollOnce();

        terminal.presenceFailure = FakePcsc.pcscFailure("isCardPresent() failed", "SCARD_E_READER_UNAVAILABLE");
        reader.pollOnce();

        assertThat(reader.state()).isEqualTo(State.NO_READER);
        assertThat(events.types()).containsExactly(READER_FOUND, READER_LOST);
    }

    @Test
    void aSourceThatThrowsIsServiceUnavailable() {
        PcscReader broken = new PcscReader(CONFIGURED, Kind.CONTACT, () -> {
            throw new SecurityException("smartcardio not permitted");
        }, Duration.ofMillis(250));

        assertThatCode(broken::pollOnce).doesNotThrowAnyException();
        assertThat(broken.state()).isEqualTo(State.SERVICE_UNAVAILABLE);
        broken.close();
    }

    @Test
    void theExactNameWinsOverAPartialMatch() {
        pcsc.plugIn("ACS ACR39U ICC Reader 00 00");
        pcsc.plugIn("ACR39U");

        reader.pollOnce();

        assertThat(reader.terminalName()).contains("ACR39U");
    }

    @Test
    void aPartOfTheNameFindsTheReaderIgnoringCase() {
        pcsc.plugIn("Identiv uTrust 3700 F CL Reader 00 00");
        pcsc.plugIn(TERMINAL);
        PcscReader byPart = new PcscReader("acr39u icc", Kind.CONTACT, pcsc, Duration.ofMillis(250));

        byPart.pollOnce();

        assertThat(byPart.terminalName()).contains(TERMINAL);
        byPart.close();
    }

    @Test
    void aBlankReaderNameIsRefused() {
        assertThatThrownBy(() -> new PcscReader(" ", Kind.CONTACT, pcsc, Duration.ofMillis(250)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- sessions

    @Test
    void connectWithoutACardSaysNoCard() {
        pcsc.plugIn(TERMINAL);
        reader.pollOnce();

        assertThatThrownBy(reader::connect).isInstanceOf(NoCardException.class);
    }

    @Test
    void aSessionTalksToTheCardWithAnyProtocol() throws Exception {
        FakeTerminal terminal = pcsc.plugIn(TERMINAL);
        terminal.insert(TestCards.creditCard());
        reader.pollOnce();

        try (CardSession session = reader.connect()) {
            CreditCardApplication credit = new CreditCardApplication(session);
            credit.select();
            assertThat(credit.readCardData().cardNumber()).isEqualTo(DemoCards.CREDIT_CARD.cardNumber());
            assertThat(session.atr()).isEqualTo(new byte[] {0x3B, 0x00});
            assertThat(session.pinPad()).isEmpty();
        }
        assertThat(terminal.lastProtocol).isEqualTo("*");
    }

    @Test
    void closingASessionDisconnectsWithAReset() throws Exception {
        FakeTerminal terminal = pcsc.plugIn(TERMINAL);
        FakeCard card = terminal.insert(TestCards.creditCard());
        reader.pollOnce();

        CardSession session = reader.connect();
        session.close();
        session.close();

        assertThat(card.disconnected).isTrue();
        assertThat(card.resetOnDisconnect).isTrue();
        assertThatThrownBy(() -> session.transmit(CardCommands.getData())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCardRemovedDuringACommandIsCardRemoved() throws Exception {
        pcsc.plugIn(TERMINAL).insert(command -> {
            throw FakePcsc.pcscFailure("transmit() failed", "SCARD_W_REMOVED_CARD");
        });
        reader.pollOnce();

        try (CardSession session = reader.connect()) {
            assertThatThrownBy(() -> session.transmit(CardCommands.getData()))
                    .isInstanceOf(CardRemovedException.class)
                    .hasMessageContaining("SCARD_W_REMOVED_CARD");
        }
    }

    @Test
    void aCommandBrokenOffByTheReaderIsCardRemoved() throws Exception {
        // pcsc-lite's answer when the reader loses the card in the middle of a command (seen over vpcd).
        pcsc.plugIn(TERMINAL).insert(command -> {
            throw FakePcsc.pcscFailure("transmit() failed", "SCARD_E_NOT_TRANSACTED");
        });
        reader.pollOnce();

        try (CardSession session = reader.connect()) {
            assertThatThrownBy(() -> session.transmit(CardCommands.getData()))
                    .isInstanceOf(CardRemovedException.class)
                    .hasMessageContaining("SCARD_E_NOT_TRANSACTED");
        }
    }

    @Test
    void noSmartcardDuringACommandIsCardRemovedToo() throws Exception {
        pcsc.plugIn(TERMINAL).insert(command -> {
            throw FakePcsc.pcscFailure("transmit() failed", "SCARD_E_NO_SMARTCARD");
        });
        reader.pollOnce();

        try (CardSession session = reader.connect()) {
            assertThatThrownBy(() -> session.transmit(CardCommands.getData())).isInstanceOf(CardRemovedException.class);
        }
    }

    @Test
    void theJdksCardHasBeenRemovedStateIsCardRemoved() throws Exception {
        pcsc.plugIn(TERMINAL).insert(command -> {
            throw new IllegalStateException("Card has been removed");
        });
        reader.pollOnce();

        try (CardSession session = reader.connect()) {
            assertThatThrownBy(() -> session.transmit(CardCommands.getData())).isInstanceOf(CardRemovedException.class);
        }
    }

    @Test
    void anEmptyAnswerToACommandIsCardRemoved() throws Exception {
        // pcscd answers a command with no bytes when vpcd's card left during it; jnasmartcardio then fails to parse.
        pcsc.plugIn(TERMINAL).insert(command -> {
            throw new IllegalArgumentException("newPosition < 0: (-2 < 0)");
        });
        reader.pollOnce();

        try (CardSession session = reader.connect()) {
            assertThatThrownBy(() -> session.transmit(CardCommands.getData()))
                    .isInstanceOf(CardRemovedException.class)
                    .hasMessageContaining("gave no answer");
        }
    }

    @Test
    void otherFailuresDuringACommandAreTheReaders() throws Exception {
        pcsc.plugIn(TERMINAL).insert(command -> {
            throw FakePcsc.pcscFailure("transmit() failed", "SCARD_E_READER_UNAVAILABLE");
        });
        reader.pollOnce();

        try (CardSession session = reader.connect()) {
            assertThatThrownBy(() -> session.transmit(CardCommands.getData()))
                    .isInstanceOf(ReaderException.class)
                    .isNotInstanceOf(CardRemovedException.class)
                    .hasMessageContaining("SCARD_E_READER_UNAVAILABLE");
        }
    }

    @Test
    void aConnectFailureThatIsNotAboutTheCardIsTheReaders() {
        FakeTerminal terminal = pcsc.plugIn(TERMINAL);
        terminal.insert(TestCards.creditCard());
        terminal.connectFailure = FakePcsc.pcscFailure("connect() failed", "SCARD_W_UNRESPONSIVE_CARD");
        reader.pollOnce();

        assertThatThrownBy(reader::connect).isInstanceOf(ReaderException.class)
                .hasMessageContaining("SCARD_W_UNRESPONSIVE_CARD");
    }

    @Test
    void aMalformedCommandIsRefusedWithoutEchoingIt() throws Exception {
        pcsc.plugIn(TERMINAL).insert(TestCards.creditCard());
        reader.pollOnce();

        try (CardSession session = reader.connect()) {
            assertThatThrownBy(() -> session.transmit(Bytes.fromHex("0020008008313233")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a valid command APDU")
                    .hasMessageNotContaining("313233");
        }
    }

    @Test
    void sessionsFollowGetResponseChains() throws Exception {
        pcsc.plugIn(TERMINAL).insert(command -> {
            if ((command[1] & 0xFF) == 0xC0) {
                return Bytes.fromHex("0304059000");
            }
            return Bytes.fromHex("01026103");
        });
        reader.pollOnce();

        try (CardSession session = reader.connect()) {
            assertThat(Bytes.hex(session.transmit(CardCommands.getData()))).isEqualTo("01020304059000");
        }
    }

    // ---------------------------------------------------------------- PIN pad

    @Test
    void aReaderWithVerifyPinDirectOffersAPinPadThatSendsOurStructure() throws Exception {
        FakeCard card = pcsc.plugIn(TERMINAL).insert(TestCards.creditCard());
        int verifyCode = 0x42330006;
        card.controller = (code, command) -> {
            if (code == PcscPinPad.GET_FEATURE_REQUEST) {
                return Bytes.fromHex("0604" + String.format("%08X", verifyCode) + "0A0442330012");
            }
            if (code == verifyCode) {
                return Bytes.fromHex("9000");
            }
            throw FakePcsc.pcscFailure("transmitControlCommand() failed", "SCARD_E_UNSUPPORTED_FEATURE");
        };
        reader.pollOnce();

        try (CardSession session = reader.connect()) {
            assertThat(session.pinPad()).isPresent();
            new ReaderPinPadEntry().verify(session, PinSource.NONE);
        }

        assertThat(card.controlCodes).containsExactly(0x42000D48, verifyCode);
        assertThat(Bytes.hex(card.controlCommands.get(1))).isEqualTo(Bytes.hex(PcscPinPad.verifyPinStructure(30)));
    }

    @Test
    void aWrongPinOnThePadIsTheCardsRefusalWithTriesLeft() throws Exception {
        FakeCard card = pcsc.plugIn(TERMINAL).insert(TestCards.creditCard());
        card.controller = (code, command) -> code == PcscPinPad.GET_FEATURE_REQUEST
                ? Bytes.fromHex("060442330006") : Bytes.fromHex("63C2");
        reader.pollOnce();

        try (CardSession session = reader.connect()) {
            PinPad pad = session.pinPad().orElseThrow();
            assertThatThrownBy(pad::verifyPin).isInstanceOfSatisfying(CardStatusException.class, e -> {
                assertThat(e.sw()).isEqualTo(0x63C2);
                assertThat(e.pinTriesRemaining()).isEqualTo(2);
            });
        }
    }

    @Test
    void aPadThatTimesOutOrIsCancelledSaysSo() throws Exception {
        FakeCard card = pcsc.plugIn(TERMINAL).insert(TestCards.creditCard());
        AtomicReference<String> answer = new AtomicReference<>("6400");
        card.controller = (code, command) -> code == PcscPinPad.GET_FEATURE_REQUEST
                ? Bytes.fromHex("060442330006") : Bytes.fromHex(answer.get());
        reader.pollOnce();

        try (CardSession session = reader.connect()) {
            PinPad pad = session.pinPad().orElseThrow();
            assertThatThrownBy(pad::verifyPin).isInstanceOf(CardStatusException.class).hasMessageContaining("timed out");
            answer.set("6401");
            assertThatThrownBy(pad::verifyPin).isInstanceOf(CardStatusException.class).hasMessageContaining("cancelled");
            answer.set("900000");
            assertThatThrownBy(pad::verifyPin).isInstanceOf(ReaderException.class).hasMessageContaining("3 bytes");
        }
    }

    @Test
    void aCardRemovedWhileThePadWaitsIsCardRemoved() throws Exception {
        FakeCard card = pcsc.plugIn(TERMINAL).insert(TestCards.creditCard());
        card.controller = (code, command) -> {
            if (code == PcscPinPad.GET_FEATURE_REQUEST) {
                return Bytes.fromHex("060442330006");
            }
            throw FakePcsc.pcscFailure("transmitControlCommand() failed", "SCARD_W_REMOVED_CARD");
        };
        reader.pollOnce();

        try (CardSession session = reader.connect()) {
            assertThatThrownBy(session.pinPad().orElseThrow()::verifyPin).isInstanceOf(CardRemovedException.class);
        }
    }

    @Test
    void aReaderWithoutFeaturesHasNoPinPadAndPadEntryFailsClearly() throws Exception {
        pcsc.plugIn(TERMINAL).insert(TestCards.creditCard()); // the fake refuses control commands by default
        reader.pollOnce();

        try (CardSession session = reader.connect()) {
            assertThat(session.pinPad()).isEmpty();
            assertThat(PinEntry.forSession(session)).isInstanceOf(HostPinEntry.class);
            assertThatThrownBy(() -> new ReaderPinPadEntry().verify(session, PinSource.NONE))
                    .isInstanceOf(NoPinPadException.class)
                    .hasMessageContaining("no PIN pad");
        }
    }

    @Test
    void featuresWithoutVerifyPinDirectAreNoPinPad() throws Exception {
        FakeCard card = pcsc.plugIn(TERMINAL).insert(TestCards.creditCard());
        card.controller = (code, command) -> Bytes.fromHex("0A0442330012"); // FEATURE_IFD_PIN_PROPERTIES only
        reader.pollOnce();

        try (CardSession session = reader.connect()) {
            assertThat(session.pinPad()).isEmpty();
        }
    }

    // ---------------------------------------------------------------- monitor thread and this machine

    @Test
    void theMonitorIsANamedDaemonThreadThatPollsUntilClosed() throws Exception {
        CountDownLatch polled = new CountDownLatch(2);
        AtomicReference<Thread> pollingThread = new AtomicReference<>();
        PcscReader monitored = new PcscReader(CONFIGURED, Kind.CONTACT, () -> {
            pollingThread.set(Thread.currentThread());
            polled.countDown();
            return pcsc.terminals();
        }, Duration.ofMillis(5));

        monitored.start();
        monitored.start(); // idempotent
        assertThat(polled.await(10, TimeUnit.SECONDS)).isTrue();
        Thread thread = pollingThread.get();
        assertThat(thread.getName()).isEqualTo("pcsc-monitor-" + CONFIGURED);
        assertThat(thread.isDaemon()).isTrue();
        assertThat(monitored.isMonitoring()).isTrue();

        monitored.close();

        assertThat(thread.isAlive()).isFalse();
        assertThat(monitored.isMonitoring()).isFalse();
        assertThatThrownBy(monitored::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void thisMachinesPcscGivesAStateNotAnException() {
        // No pcscd here: TerminalFactory.getDefault() is the "None" factory. With pcscd and no reader it
        // would be NO_READER. Either way: a state, at once, without a stack trace.
        PcscReader real = new PcscReader("Any reader", Kind.CONTACT);

        assertThatCode(real::pollOnce).doesNotThrowAnyException();

        assertThat(real.state()).isIn(State.SERVICE_UNAVAILABLE, State.NO_READER);
        assertThatThrownBy(real::connect).isInstanceOf(ReaderException.class);
        real.close();
    }
}

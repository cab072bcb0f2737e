package com.valuekiosk.kiosk.simulated;

import static com.valuekiosk.kiosk.reader.CardEvent.Type.CARD_INSERTED;
import static com.valuekiosk.kiosk.reader.CardEvent.Type.CARD_REMOVED;
import static com.valuekiosk.kiosk.reader.CardEvent.Type.READER_FOUND;
import static com.valuekiosk.kiosk.reader.CardEvent.Type.READER_LOST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.valuekiosk.card.host.AppletInfo;
import com.valuekiosk.card.host.CardCommands;
import com.valuekiosk.card.host.CardResponse;
import com.valuekiosk.card.host.CardStatusException;
import com.valuekiosk.card.host.CreditCardApplication;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.host.PurseApplication;
import com.valuekiosk.card.sim.SimulatedCard;
import com.valuekiosk.card.sim.SimulatedCard.FormFactor;
import com.valuekiosk.kiosk.reader.CardEvent;
import com.valuekiosk.kiosk.reader.CardReader;
import com.valuekiosk.kiosk.reader.CardRemovedException;
import com.valuekiosk.kiosk.reader.CardSession;
import com.valuekiosk.kiosk.reader.EventRecorder;
import com.valuekiosk.kiosk.reader.NoCardException;
import com.valuekiosk.kiosk.reader.ReaderException;
import com.valuekiosk.kiosk.reader.TestCards;
import com.valuekiosk.kiosk.reader.CardReader.Kind;
import com.valuekiosk.kiosk.reader.CardReader.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SimulatedReaderTest {

    private final SimulatedReader contact = SimulatedReader.contact();
    private final SimulatedReader contactless = SimulatedReader.contactless();
    private final EventRecorder contactEvents = new EventRecorder();
    private final EventRecorder contactlessEvents = new EventRecorder();

    SimulatedReaderTest() {
        contact.addListener(contactEvents);
        contactless.addListener(contactlessEvents);
    }

    @Test
    void anEmptyReaderIsReadyWithoutACardAndConnectSaysNoCard() {
        assertThat(contact.state()).isEqualTo(State.READY);
        assertThat(contact.kind()).isEqualTo(Kind.CONTACT);
        assertThat(contact.isCardPresent()).isFalse();
        assertThat(contact.card()).isEmpty();
        assertThatThrownBy(contact::connect).isInstanceOf(NoCardException.class).hasMessageContaining(contact.name());
    }

    @Test
    void insertingACardReportsItOnTheCallingThreadAndMakesItPresent() throws Exception {
        SimulatedCard card = TestCards.creditCard();

        contact.insert(card);

        assertThat(contactEvents.events()).containsExactly(new CardEvent(CARD_INSERTED, contact.name()));
        assertThat(contactEvents.threads()).containsExactly(Thread.currentThread());
        assertThat(contact.isCardPresent()).isTrue();
        assertThat(contact.card()).containsSame(card);
        try (CardSession session = contact.connect()) {
            AppletInfo info = new CreditCardApplication(session).select();
            assertThat(info.kind()).isEqualTo(AppletInfo.Kind.CREDIT_CARD);
            assertThat(info.operational()).isTrue();
        }
    }

    @Test
    void removingTheCardReportsItKillsTheSessionAndLeavesNoCard() throws Exception {
        SimulatedCard card = TestCards.creditCard();
        contact.insert(card);
        CardSession session = contact.connect();

        assertThat(contact.remove()).containsSame(card);

        assertThat(contactEvents.types()).containsExactly(CARD_INSERTED, CARD_REMOVED);
        assertThat(contact.isCardPresent()).isFalse();
        assertThatThrownBy(() -> session.transmit(CardCommands.getData())).isInstanceOf(CardRemovedException.class);
        assertThatThrownBy(contact::connect).isInstanceOf(NoCardException.class);
        assertThat(contact.remove()).isEmpty();
        assertThat(contactEvents.types()).containsExactly(CARD_INSERTED, CARD_REMOVED);
    }

    @Test
    void aPurseTappedOnTheContactlessReaderAnswersItsBalance() throws Exception {
        contactless.tap(TestCards.purseCard());

        assertThat(contactlessEvents.types()).containsExactly(CARD_INSERTED);
        try (CardSession session = contactless.connect()) {
            PurseApplication purse = new PurseApplication(session);
            assertThat(purse.select().kind()).isEqualTo(AppletInfo.Kind.PURSE);
            assertThat(purse.readCardData().balance()).isEqualTo(DemoCards.EMONEY_CARD.initialBalance());
        }
        assertThat(contactless.remove()).isPresent();
        assertThat(contactlessEvents.types()).containsExactly(CARD_INSERTED, CARD_REMOVED);
    }

    @Test
    void aContactlessCreditCardThenAPurseOnOneReader() throws Exception {
        contactless.tap(TestCards.contactlessCreditCard());
        try (CardSession session = contactless.connect()) {
            CreditCardApplication credit = new CreditCardApplication(session);
            credit.select();
            assertThat(credit.readCardData().cardNumber()).isEqualTo(DemoCards.CONTACTLESS_CREDIT_CARD.cardNumber());
        }
        contactless.remove();
        contactless.tap(TestCards.purseCard());
        try (CardSession session = contactless.connect()) {
            PurseApplication purse = new PurseApplication(session);
            purse.select();
            assertThat(purse.readCardData().cardNumber()).isEqualTo(DemoCards.EMONEY_CARD.cardNumber());
        }
        assertThat(contactlessEvents.types()).containsExactly(CARD_INSERTED, CARD_REMOVED, CARD_INSERTED);
    }

    @Test
    void eachReaderTakesOnlyTheFormFactorsThatFitIt() {
        assertThat(FormFactor.values()).filteredOn(contact::accepts)
                .containsExactly(FormFactor.CONTACT_CREDIT_CARD, FormFactor.COMBO_CARD);
        assertThat(FormFactor.values()).filteredOn(contactless::accepts)
                .containsExactly(FormFactor.CONTACTLESS_CREDIT_CARD, FormFactor.PURSE_CARD, FormFactor.COMBO_CARD,
                        FormFactor.PHONE);
    }

    @Test
    void aCardTheReaderDoesNotTakeIsRefusedAndNothingHappens() {
        assertThatThrownBy(() -> contact.insert(TestCards.purseCard()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PURSE_CARD")
                .hasMessageContaining("contact reader")
                .hasMessageContaining("CONTACT_CREDIT_CARD, COMBO_CARD");
        assertThatThrownBy(() -> contact.insert(TestCards.phone())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> contactless.tap(TestCards.creditCard()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CONTACT_CREDIT_CARD")
                .hasMessageContaining("contactless reader");

        assertThat(contact.isCardPresent()).isFalse();
        assertThat(contactless.isCardPresent()).isFalse();
        assertThat(contactEvents.types()).isEmpty();
        assertThat(contactlessEvents.types()).isEmpty();
    }

    @Test
    void theRefusalNamesNoFullCardNumber() {
        assertThatThrownBy(() -> contact.insert(TestCards.purseCard()))
                .hasMessageNotContaining(DemoCards.EMONEY_CARD.cardNumber().digits());
    }

    @Test
    void aComboCardFitsBothReadersAndSwitchesModeBySelect() throws Exception {
        SimulatedCard combo = TestCards.comboCard();
        contact.insert(combo);
        try (CardSession session = contact.connect()) {
            assertThat(new CreditCardApplication(session).select().kind()).isEqualTo(AppletInfo.Kind.CREDIT_CARD);
            assertThat(new PurseApplication(session).select().kind()).isEqualTo(AppletInfo.Kind.PURSE);
        }
        contact.remove();
        contactless.tap(combo);
        assertThat(contactless.isCardPresent()).isTrue();
    }

    @Test
    void aContactReaderTakesCardsInsertedNotTapped() {
        assertThatThrownBy(() -> contact.tap(TestCards.creditCard()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inserted, not tapped");
    }

    @Test
    void aSecondCardIsRefusedWhileOneIsIn() {
        contactless.tap(TestCards.purseCard());
        SimulatedCard phone = TestCards.phone();

        assertThatThrownBy(() -> contactless.tap(phone))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("remove it first");
        assertThat(contactlessEvents.types()).containsExactly(CARD_INSERTED);
    }

    @Test
    void aRemovedCardLosesItsPinVerification() throws Exception {
        SimulatedCard card = TestCards.creditCard();
        contact.insert(card);
        try (CardSession session = contact.connect()) {
            CreditCardApplication credit = new CreditCardApplication(session);
            credit.select();
            credit.verifyPin(DemoCards.PIN.toCharArray());
            assertThat(credit.pinTriesRemaining()).isEqualTo(-1); // verified right now
        }

        contact.remove();
        contact.insert(card);

        try (CardSession session = contact.connect()) {
            CreditCardApplication credit = new CreditCardApplication(session);
            credit.select();
            assertThatThrownBy(() -> credit.authorizePurchase(TestCards.purchase(2_000)))
                    .isInstanceOfSatisfying(CardStatusException.class, e -> assertThat(e.sw()).isEqualTo(0x6982));
        }
    }

    @Test
    void aSessionThatWasNotClosedCannotTalkToTheCardOnceItCameBack() throws Exception {
        SimulatedCard card = TestCards.creditCard();
        contact.insert(card);
        CardSession old = contact.connect();
        contact.remove();
        contact.insert(card);

        assertThatThrownBy(() -> old.transmit(CardCommands.getData())).isInstanceOf(CardRemovedException.class);
        try (CardSession fresh = contact.connect()) {
            assertThat(CardResponse.parse(fresh.transmit(CardCommands.select(com.valuekiosk.card.host.Aids.CREDIT_CARD)))
                    .isSuccess()).isTrue();
        }
    }

    @Test
    void closingASessionPowersTheCardDownButLeavesItInTheReader() throws Exception {
        contact.insert(TestCards.creditCard());
        CardSession session = contact.connect();
        CreditCardApplication credit = new CreditCardApplication(session);
        credit.select();
        credit.verifyPin(DemoCards.PIN.toCharArray());

        session.close();
        session.close(); // idempotent

        assertThat(contact.isCardPresent()).isTrue();
        assertThatThrownBy(() -> session.transmit(CardCommands.getData())).isInstanceOf(IllegalStateException.class);
        try (CardSession next = contact.connect()) {
            // Powered down: nothing selected any more.
            assertThat(CardResponse.parse(next.transmit(CardCommands.getData())).sw()).isEqualTo(0x6A82);
        }
        assertThat(contactEvents.types()).containsExactly(CARD_INSERTED);
    }

    @Test
    void aSimulatedAtrIsAWellFormedT1Atr() throws Exception {
        contact.insert(TestCards.creditCard());
        try (CardSession session = contact.connect()) {
            byte[] atr = session.atr();
            assertThat(com.valuekiosk.card.host.Bytes.hex(atr)).startsWith("3B878001564B494F534B00");
            byte check = 0;
            for (int i = 1; i < atr.length; i++) {
                check ^= atr[i];
            }
            assertThat(check).as("TCK makes the XOR of T0..TCK zero").isZero();
        }
    }

    @Test
    void anUnpluggedReaderIsLostUntilPluggedInAgain() throws Exception {
        SimulatedCard card = TestCards.creditCard();
        contact.insert(card);
        CardSession session = contact.connect();
        new CreditCardApplication(session).select();

        contact.unplug();

        assertThat(contactEvents.types()).containsExactly(CARD_INSERTED, READER_LOST);
        assertThat(contact.state()).isEqualTo(State.NO_READER);
        assertThat(contact.isCardPresent()).isFalse();
        assertThat(contact.card()).containsSame(card);
        assertThatThrownBy(contact::connect).isInstanceOf(ReaderException.class).hasMessageContaining("unplugged");
        assertThatThrownBy(() -> session.transmit(CardCommands.getData()))
                .isInstanceOf(ReaderException.class)
                .isNotInstanceOf(CardRemovedException.class);

        contact.plugIn();

        assertThat(contactEvents.types()).containsExactly(CARD_INSERTED, READER_LOST, READER_FOUND, CARD_INSERTED);
        assertThat(contact.state()).isEqualTo(State.READY);
        try (CardSession again = contact.connect()) {
            // The card lost power with the reader.
            assertThat(CardResponse.parse(again.transmit(CardCommands.getData())).sw()).isEqualTo(0x6A82);
        }
    }

    @Test
    void unplugAndPlugInTwiceChangeNothingTheSecondTime() {
        contact.unplug();
        contact.unplug();
        contact.plugIn();
        contact.plugIn();

        assertThat(contactEvents.types()).containsExactly(READER_LOST, READER_FOUND);
    }

    @Test
    void aCardInsertedIntoAnUnpluggedReaderIsReportedWhenItIsPluggedIn() {
        contact.unplug();
        contact.insert(TestCards.creditCard());
        assertThat(contact.isCardPresent()).isFalse();

        contact.plugIn();

        assertThat(contactEvents.types()).containsExactly(READER_LOST, READER_FOUND, CARD_INSERTED);
        assertThat(contact.isCardPresent()).isTrue();
    }

    @Test
    void aClosedReaderRefusesToConnect() {
        contact.insert(TestCards.creditCard());
        contact.close();

        assertThatThrownBy(contact::connect).isInstanceOf(ReaderException.class).hasMessageContaining("closed");
    }

    @Test
    void aListenerThatThrowsDoesNotKeepTheOthersFromTheirEvents() {
        contact.addListener(event -> {
            throw new IllegalStateException("listener bug");
        });
        EventRecorder later = new EventRecorder();
        contact.addListener(later);

        contact.insert(TestCards.creditCard());

        assertThat(later.types()).containsExactly(CARD_INSERTED);
        assertThat(contact.isCardPresent()).isTrue();
    }

    @Test
    void aRemovedListenerHearsNoMore() {
        contact.removeListener(contactEvents);

        contact.insert(TestCards.creditCard());

        assertThat(contactEvents.types()).isEmpty();
    }

    @Test
    void withAnExecutorEventsRunWhereItRunsThemInOrder() {
        Queue<Runnable> queued = new ConcurrentLinkedQueue<>();
        SimulatedReader reader = new SimulatedReader("Queued reader", Kind.CONTACTLESS, queued::add);
        EventRecorder recorder = new EventRecorder();
        reader.addListener(recorder);

        reader.tap(TestCards.phone());
        reader.remove();
        assertThat(recorder.types()).isEmpty();

        queued.forEach(Runnable::run);
        assertThat(recorder.types()).containsExactly(CARD_INSERTED, CARD_REMOVED);
    }

    @Test
    void aListenerMayCallTheReaderBack() {
        List<Boolean> presentWhenTold = new ArrayList<>();
        contact.addListener(event -> presentWhenTold.add(contact.isCardPresent()));

        contact.insert(TestCards.creditCard());
        contact.remove();

        assertThat(presentWhenTold).containsExactly(true, false);
    }

    @Test
    void aPanelThreadAndAFlowThreadCanUseOneReaderAtOnce() throws Exception {
        SimulatedCard card = TestCards.creditCard();
        int rounds = 100;
        CyclicBarrier start = new CyclicBarrier(2);
        List<Throwable> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(2);

        Thread panel = new Thread(() -> {
            try {
                start.await();
                for (int i = 0; i < rounds; i++) {
                    contact.insert(card);
                    contact.remove();
                }
            } catch (Throwable t) {
                unexpected.add(t);
            } finally {
                done.countDown();
            }
        }, "test-panel");
        Thread flow = new Thread(() -> {
            try {
                start.await();
                for (int i = 0; i < rounds; i++) {
                    try (CardSession session = contact.connect()) {
                        new CreditCardApplication(session).select();
                    } catch (NoCardException | CardRemovedException expected) {
                        // the panel took the card away: what a flow sees on a real reader too
                    }
                }
            } catch (Throwable t) {
                unexpected.add(t);
            } finally {
                done.countDown();
            }
        }, "test-flow");
        panel.start();
        flow.start();

        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(unexpected).isEmpty();
        List<CardEvent.Type> types = contactEvents.types();
        assertThat(types).hasSize(2 * rounds);
        for (int i = 0; i < types.size(); i++) {
            assertThat(types.get(i)).isEqualTo(i % 2 == 0 ? CARD_INSERTED : CARD_REMOVED);
        }
        assertThat(contact.isCardPresent()).isFalse();
    }
}

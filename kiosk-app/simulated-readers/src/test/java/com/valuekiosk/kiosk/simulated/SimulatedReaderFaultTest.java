package com.valuekiosk.kiosk.simulated;

import static com.valuekiosk.kiosk.reader.CardEvent.Type.CARD_INSERTED;
import static com.valuekiosk.kiosk.reader.CardEvent.Type.CARD_REMOVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.valuekiosk.card.host.AmountChange;
import com.valuekiosk.card.host.CardProtocol;
import com.valuekiosk.card.host.CardStatusException;
import com.valuekiosk.card.host.CreditCardApplication;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.host.PurseApplication;
import com.valuekiosk.card.host.PurseData;
import com.valuekiosk.card.host.PurseLogEntry;
import com.valuekiosk.card.sim.SimulatedCard;
import com.valuekiosk.kiosk.reader.CardRemovedException;
import com.valuekiosk.kiosk.reader.CardSession;
import com.valuekiosk.kiosk.reader.EventRecorder;
import com.valuekiosk.kiosk.reader.TestCards;
import com.valuekiosk.kiosk.simulated.SimulatedReader.ArmedFault;
import com.valuekiosk.kiosk.simulated.SimulatedReader.Fault;
import org.junit.jupiter.api.Test;

/** Tearing at the APDU boundary (APDU.md 10.2): the two ways a card leaves during CREDIT, and their recovery. */
class SimulatedReaderFaultTest {

    private static final long TRANSACTION_ID = 77;

    private final SimulatedReader reader = SimulatedReader.contactless();
    private final EventRecorder events = new EventRecorder();
    private final SimulatedCard purseCard = TestCards.purseCard();
    private final AmountChange change = AmountChange.issue(TestCards.creditKey(DemoCards.EMONEY_CARD.cardNumber()),
            DemoCards.EMONEY_CARD.cardNumber(), 2_000, 0, TRANSACTION_ID);

    SimulatedReaderFaultTest() {
        reader.addListener(events);
        reader.tap(purseCard);
    }

    @Test
    void aCreditLostBeforeTheCardLeavesTheBalanceUnchangedAndThrowsCardRemoved() throws Exception {
        ArmedFault fault = reader.armFault(Fault.LOST_BEFORE_CARD, SimulatedReader.instruction(CardProtocol.INS_CREDIT));

        try (CardSession session = reader.connect()) {
            PurseApplication purse = new PurseApplication(session);
            purse.select();
            assertThatThrownBy(() -> purse.credit(change))
                    .isInstanceOf(CardRemovedException.class)
                    .hasMessageContaining(reader.name());
        }

        assertThat(fault.hasFired()).isTrue();
        assertThat(fault.isArmed()).isFalse();
        assertThat(events.types()).containsExactly(CARD_INSERTED, CARD_REMOVED);
        assertThat(reader.isCardPresent()).isFalse();

        PurseData after = readAfterTappingAgain();
        assertThat(after.balance()).isEqualTo(1_000);
        assertThat(after.creditSequence()).isZero();
        assertThat(after.logCount()).isZero();
    }

    @Test
    void afterALostCommandTheIdenticalCreditIsSentAgainAndApplied() throws Exception {
        reader.armFault(Fault.LOST_BEFORE_CARD, SimulatedReader.instruction(CardProtocol.INS_CREDIT));
        try (CardSession session = reader.connect()) {
            PurseApplication purse = new PurseApplication(session);
            purse.select();
            assertThatThrownBy(() -> purse.credit(change)).isInstanceOf(CardRemovedException.class);
        }

        reader.tap(purseCard);
        try (CardSession session = reader.connect()) {
            PurseApplication purse = new PurseApplication(session);
            purse.select();
            assertThat(purse.readCardData().creditSequence()).as("not applied: send the same change again").isZero();
            assertThat(purse.credit(change).balanceAfter()).isEqualTo(3_000);
        }
    }

    @Test
    void aCreditWhoseAnswerIsLostChangesTheBalanceAndThrowsCardRemoved() throws Exception {
        ArmedFault fault = reader.armFault(Fault.ANSWER_LOST, SimulatedReader.instruction(CardProtocol.INS_CREDIT));

        try (CardSession session = reader.connect()) {
            PurseApplication purse = new PurseApplication(session);
            purse.select();
            assertThatThrownBy(() -> purse.credit(change)).isInstanceOf(CardRemovedException.class);
        }

        assertThat(fault.hasFired()).isTrue();
        assertThat(events.types()).containsExactly(CARD_INSERTED, CARD_REMOVED);
        PurseData after = readAfterTappingAgain();
        assertThat(after.balance()).isEqualTo(3_000);
        assertThat(after.creditSequence()).isEqualTo(1);
    }

    @Test
    void afterALostAnswerTheLogConfirmsTheCreditAndARepeatIsRefused() throws Exception {
        reader.armFault(Fault.ANSWER_LOST, SimulatedReader.instruction(CardProtocol.INS_CREDIT));
        try (CardSession session = reader.connect()) {
            PurseApplication purse = new PurseApplication(session);
            purse.select();
            assertThatThrownBy(() -> purse.credit(change)).isInstanceOf(CardRemovedException.class);
        }

        reader.tap(purseCard);
        try (CardSession session = reader.connect()) {
            PurseApplication purse = new PurseApplication(session);
            purse.select();
            PurseLogEntry latest = purse.readLog().get(0);
            assertThat(latest.type()).isEqualTo(PurseLogEntry.Type.CREDIT);
            assertThat(latest.sequence()).isZero();
            assertThat(latest.transactionId()).isEqualTo(TRANSACTION_ID);
            assertThat(latest.balanceAfter()).isEqualTo(3_000);
            assertThatThrownBy(() -> purse.credit(change))
                    .isInstanceOfSatisfying(CardStatusException.class,
                            e -> assertThat(e.sw()).isEqualTo(CardProtocol.SW_SEQUENCE_MISMATCH));
        }
    }

    @Test
    void aFaultWaitsForItsCommandAndFiresOnce() throws Exception {
        ArmedFault fault = reader.armFault(Fault.LOST_BEFORE_CARD, SimulatedReader.instruction(CardProtocol.INS_CREDIT));

        try (CardSession session = reader.connect()) {
            PurseApplication purse = new PurseApplication(session);
            purse.select();
            purse.readCardData();
            assertThat(fault.isArmed()).as("SELECT and GET DATA do not match").isTrue();
            assertThatThrownBy(() -> purse.credit(change)).isInstanceOf(CardRemovedException.class);
        }

        reader.tap(purseCard);
        try (CardSession session = reader.connect()) {
            PurseApplication purse = new PurseApplication(session);
            purse.select();
            assertThat(purse.credit(change).balanceAfter()).as("one-shot: the next CREDIT goes through").isEqualTo(3_000);
        }
        assertThat(events.types()).containsExactly(CARD_INSERTED, CARD_REMOVED, CARD_INSERTED);
    }

    @Test
    void aDisarmedFaultNeverFires() throws Exception {
        ArmedFault fault = reader.armFault(Fault.ANSWER_LOST, SimulatedReader.anyCommand());
        fault.disarm();
        reader.armFault(Fault.ANSWER_LOST, SimulatedReader.anyCommand());
        reader.disarmFaults();

        try (CardSession session = reader.connect()) {
            PurseApplication purse = new PurseApplication(session);
            purse.select();
            assertThat(purse.credit(change).balanceAfter()).isEqualTo(3_000);
        }
        assertThat(fault.hasFired()).isFalse();
        assertThat(reader.isCardPresent()).isTrue();
    }

    @Test
    void theOldestMatchingFaultFiresFirst() throws Exception {
        ArmedFault first = reader.armFault(Fault.ANSWER_LOST, SimulatedReader.instruction(CardProtocol.INS_SELECT));
        ArmedFault second = reader.armFault(Fault.LOST_BEFORE_CARD, SimulatedReader.anyCommand());

        try (CardSession session = reader.connect()) {
            assertThatThrownBy(() -> new PurseApplication(session).select()).isInstanceOf(CardRemovedException.class);
        }

        assertThat(first.hasFired()).isTrue();
        assertThat(second.isArmed()).isTrue();
    }

    @Test
    void theFaultSeesACopyOfTheCommand() throws Exception {
        reader.armFault(Fault.LOST_BEFORE_CARD, command -> {
            command[1] = 0; // a predicate that scribbles changes nothing
            return false;
        });

        try (CardSession session = reader.connect()) {
            assertThat(new PurseApplication(session).select().kind()).isNotNull();
        }
    }

    @Test
    void anAuthorisationWhoseAnswerIsLostMovesTheAtcAndNeedsANewVerify() throws Exception {
        SimulatedReader contact = SimulatedReader.contact();
        SimulatedCard creditCard = TestCards.creditCard();
        contact.insert(creditCard);
        contact.armFault(Fault.ANSWER_LOST, SimulatedReader.instruction(CardProtocol.INS_AUTHORIZE_PURCHASE));
        try (CardSession session = contact.connect()) {
            CreditCardApplication credit = new CreditCardApplication(session);
            credit.select();
            credit.verifyPin(DemoCards.PIN.toCharArray());
            assertThatThrownBy(() -> credit.authorizePurchase(TestCards.purchase(2_000)))
                    .isInstanceOf(CardRemovedException.class);
        }

        contact.insert(creditCard);
        try (CardSession session = contact.connect()) {
            CreditCardApplication credit = new CreditCardApplication(session);
            credit.select();
            assertThat(credit.readCardData().atc()).isEqualTo(1);
            assertThatThrownBy(() -> credit.authorizePurchase(TestCards.purchase(2_000)))
                    .isInstanceOfSatisfying(CardStatusException.class, e -> assertThat(e.sw()).isEqualTo(0x6982));
        }
    }

    private PurseData readAfterTappingAgain() throws Exception {
        reader.tap(purseCard);
        try (CardSession session = reader.connect()) {
            PurseApplication purse = new PurseApplication(session);
            purse.select();
            return purse.readCardData();
        }
    }
}

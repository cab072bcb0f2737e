package com.valuekiosk.kiosk.pcsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.valuekiosk.card.host.CardProtocol;
import com.valuekiosk.kiosk.flow.ChargeUpFlow;
import com.valuekiosk.kiosk.flow.PurchaseFlow;
import com.valuekiosk.kiosk.reader.CardEvent;
import com.valuekiosk.kiosk.reader.CardReader;
import com.valuekiosk.kiosk.reader.CardSession;
import com.valuekiosk.kiosk.reader.NoCardException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * FIG. 7 and FIG. 8 through the real PC/SC stack: the kiosk's {@code PcscReader}s, a real pcscd with vpcd, the
 * demo cards on jcardsim behind our vpcd bridge, the real servers over mutual TLS.
 */
class PcscFlowsTest extends PcscKioskTestBase {

    private static final long START_BALANCE = 1_000;






    @Test
    void purchaseThenChargeUpThroughPcscd() throws Exception {
        kiosk.insert(kiosk.creditCard);
        kiosk.insert(kiosk.emoneyCard);
        assertThat(kiosk.contact.terminalName()).contains(Pcscd.CONTACT_READER);

        PurchaseFlow purchase = kiosk.buy(2_000);
        assertThat(purchase.state()).as(String.valueOf(purchase.failure())).isEqualTo(PurchaseFlow.State.APPROVED);
        assertThat(purchase.receipt().maskedCreditCard()).isEqualTo("**** **** **** 0013");

        ChargeUpFlow charge = kiosk.chargeUp();
        assertThat(charge.readCard()).isEqualTo(ChargeUpFlow.State.AWAITING_CONFIRMATION);
        assertThat(charge.available()).isEqualTo(2_000);
        assertThat(charge.confirm(true)).as(String.valueOf(charge.failure())).isEqualTo(ChargeUpFlow.State.COMPLETED);
        assertThat(charge.balanceAfter()).isEqualTo(START_BALANCE + 2_000);

        kiosk.remove(kiosk.emoneyCard);
        assertThat(PcscKiosk.balance(kiosk.emoneyCard.card())).isEqualTo(START_BALANCE + 2_000);
        kiosk.assertMoneyConserved(2_000);
        assertThat(kiosk.creditCard.commands()).as("SELECT, VERIFY, AUTHORIZE through vpcd").isEqualTo(3);
        assertThat(kiosk.emoneyCard.commands()).as("SELECT, then PROVE STATE and CREDIT in the purchase's session")
                .isEqualTo(3);
    }

    @Test
    void insertingAndRemovingCardsGivesEventsAndSessionsFollowTheCard() throws Exception {
        assertThat(kiosk.contact.isCardPresent()).isFalse();
        assertThatThrownBy(kiosk.contact::connect).isInstanceOf(NoCardException.class);

        kiosk.insert(kiosk.creditCard);
        assertThat(kiosk.contact.isCardPresent()).isTrue();
        assertThat(kiosk.contactless.isCardPresent()).as("the other reader").isFalse();
        try (CardSession session = kiosk.contact.connect()) {
            assertThat(session.atr()).isEqualTo(com.valuekiosk.kiosk.simulated.SimulatedReader.atrOf(
                    kiosk.creditCard.card().formFactor()));
        }

        kiosk.remove(kiosk.creditCard);
        assertThat(kiosk.contact.isCardPresent()).isFalse();
        assertThatThrownBy(kiosk.contact::connect).isInstanceOf(NoCardException.class);

        kiosk.insert(kiosk.creditCard);
        assertThat(kiosk.contactEvents.all()).containsExactly(CardEvent.Type.READER_FOUND, CardEvent.Type.CARD_INSERTED,
                CardEvent.Type.CARD_REMOVED, CardEvent.Type.CARD_INSERTED);
        assertThat(kiosk.contact.state()).isEqualTo(CardReader.State.READY);
    }

    @Test
    void commandsGoThroughPcscdToTheCardAndTheirRoundTripIsMeasured() throws Exception {
        kiosk.insert(kiosk.emoneyCard);
        int rounds = 200;
        long[] nanos = new long[rounds];
        double cardMillis;
        try (CardSession session = kiosk.contactless.connect()) {
            byte[] select = com.valuekiosk.card.host.CardCommands.select(com.valuekiosk.card.host.Aids.PURSE);
            long before = kiosk.emoneyCard.commands();
            long cardBefore = kiosk.emoneyCard.cardNanos();
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                byte[] answer = session.transmit(select);
                nanos[i] = System.nanoTime() - start;
                assertThat(answer).as("SELECT purse answers 9000").endsWith((byte) 0x90, (byte) 0x00);
            }
            assertThat(kiosk.emoneyCard.commands() - before).as("every command reached the card").isEqualTo(rounds);
            cardMillis = (kiosk.emoneyCard.cardNanos() - cardBefore) / 1e6 / rounds;
        }
        java.util.Arrays.sort(nanos);
        double card = cardMillis;
        System.out.printf(java.util.Locale.ROOT, "APDU round trip through PcscReader, pcscd and vpcd (SELECT, %d times):"
                + " median %.2f ms, 90th percentile %.2f ms, max %.2f ms; of which jcardsim itself %.2f ms on average%n", rounds,
                nanos[rounds / 2] / 1e6, nanos[rounds * 9 / 10] / 1e6, nanos[rounds - 1] / 1e6, card);
    }

    @Test
    void aCardPulledOutMidCommandFailsTheSessionAsRemoved() throws Exception {
        kiosk.insert(kiosk.creditCard);
        var torn = kiosk.creditCard.tear(VpcdCard.Tear.BEFORE_CARD, command -> true);
        try (CardSession session = kiosk.contact.connect()) {
            assertThatThrownBy(() -> session.transmit(com.valuekiosk.card.host.CardCommands.select(
                    com.valuekiosk.card.host.Aids.CREDIT_CARD)))
                    .isInstanceOf(com.valuekiosk.kiosk.reader.CardRemovedException.class);
        }
        assertThat(torn.get(5, TimeUnit.SECONDS)).isNotEmpty();
        kiosk.contactEvents.await(CardEvent.Type.CARD_REMOVED, PcscKiosk.EVENT_TIMEOUT);
    }

    @Test
    void theCardLeavesBeforeTheCreditReachesItAndIsPlacedAgain() throws Exception {
        kiosk.insert(kiosk.creditCard);
        kiosk.insert(kiosk.emoneyCard);
        assertThat(kiosk.buy(2_000).state()).isEqualTo(PurchaseFlow.State.APPROVED);
        ChargeUpFlow flow = kiosk.chargeUp();
        assertThat(flow.readCard()).isEqualTo(ChargeUpFlow.State.AWAITING_CONFIRMATION);
        var torn = kiosk.emoneyCard.tear(VpcdCard.Tear.BEFORE_CARD, VpcdCard.instruction(CardProtocol.INS_CREDIT));

        assertThat(flow.confirm(true)).as(String.valueOf(flow.failure())).isEqualTo(ChargeUpFlow.State.CARD_REMOVED_DURING_WRITE);
        assertThat(torn).isCompleted();
        kiosk.contactlessEvents.await(CardEvent.Type.CARD_REMOVED, PcscKiosk.EVENT_TIMEOUT);
        assertThat(PcscKiosk.balance(kiosk.emoneyCard.card())).as("nothing applied").isEqualTo(START_BALANCE);

        kiosk.insert(kiosk.emoneyCard);
        assertThat(flow.retryWrite()).as(String.valueOf(flow.failure())).isEqualTo(ChargeUpFlow.State.COMPLETED);
        kiosk.remove(kiosk.emoneyCard);
        assertThat(PcscKiosk.balance(kiosk.emoneyCard.card())).isEqualTo(START_BALANCE + 2_000);
        kiosk.assertMoneyConserved(2_000);
    }

    @Test
    void theCardLeavesAfterApplyingTheCreditAndItIsAppliedOnlyOnce() throws Exception {
        kiosk.insert(kiosk.creditCard);
        kiosk.insert(kiosk.emoneyCard);
        assertThat(kiosk.buy(2_000).state()).isEqualTo(PurchaseFlow.State.APPROVED);
        ChargeUpFlow flow = kiosk.chargeUp();
        assertThat(flow.readCard()).isEqualTo(ChargeUpFlow.State.AWAITING_CONFIRMATION);
        kiosk.emoneyCard.tear(VpcdCard.Tear.ANSWER_LOST, VpcdCard.instruction(CardProtocol.INS_CREDIT));

        assertThat(flow.confirm(true)).as(String.valueOf(flow.failure())).isEqualTo(ChargeUpFlow.State.CARD_REMOVED_DURING_WRITE);
        kiosk.contactlessEvents.await(CardEvent.Type.CARD_REMOVED, PcscKiosk.EVENT_TIMEOUT);
        assertThat(PcscKiosk.balance(kiosk.emoneyCard.card())).as("the card applied it").isEqualTo(START_BALANCE + 2_000);

        kiosk.insert(kiosk.emoneyCard);
        assertThat(flow.retryWrite()).as(String.valueOf(flow.failure())).isEqualTo(ChargeUpFlow.State.COMPLETED);
        kiosk.remove(kiosk.emoneyCard);
        assertThat(PcscKiosk.balance(kiosk.emoneyCard.card())).as("applied once, not twice").isEqualTo(START_BALANCE + 2_000);
        assertThat(kiosk.servers.emoneyCount(
                "SELECT COUNT(*) FROM charges WHERE state = 'COMPLETED' AND completed_by = 'CARD_STATE'")).isEqualTo(1);
        kiosk.assertMoneyConserved(2_000);
    }
}

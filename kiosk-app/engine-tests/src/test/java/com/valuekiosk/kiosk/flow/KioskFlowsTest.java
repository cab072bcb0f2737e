package com.valuekiosk.kiosk.flow;

import static com.valuekiosk.kiosk.flow.KioskHarness.CARDS;
import static com.valuekiosk.kiosk.flow.KioskHarness.pin;
import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.host.PurseLogEntry;
import com.valuekiosk.card.sim.SimulatedCard;
import com.valuekiosk.kiosk.reader.HostPinEntry;
import com.valuekiosk.pki.DevPki;
import com.valuekiosk.server.credit.CardAccounts;
import com.valuekiosk.server.emoney.EmoneyUsers;
import com.valuekiosk.server.testing.LogCapture;
import com.valuekiosk.server.testing.ServersFixture;
import com.valuekiosk.server.testing.Storage;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** FIG. 7 and FIG. 8 end to end: simulated cards and readers, real servers over mutual TLS. */
class KioskFlowsTest {

    @TempDir
    static Path shared;
    static DevPki pki;

    @TempDir
    Path directory;
    KioskHarness kiosk;

    @BeforeAll
    static void pki() {
        pki = ServersFixture.pki(shared);
    }

    @AfterEach
    void close() throws Exception {
        if (kiosk != null) {
            kiosk.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void purchaseThenChargeUpPutsTheValueOnTheCard(Storage storage) throws Exception {
        kiosk = new KioskHarness(pki, directory, storage);
        try (LogCapture log = new LogCapture()) {
            PurchaseFlow purchase = kiosk.buy(2_000);
            assertThat(purchase.state()).as(String.valueOf(purchase.failure())).isEqualTo(PurchaseFlow.State.APPROVED);
            Receipt receipt = purchase.receipt();
            assertThat(receipt.amount()).isEqualTo(2_000);
            assertThat(receipt.currency()).isEqualTo(DemoCards.YEN);
            assertThat(receipt.terminalId()).isEqualTo(ServersFixture.KIOSK);
            assertThat(receipt.maskedCreditCard()).isEqualTo("**** **** **** 0013");
            assertThat(receipt.toString()).doesNotContain(DemoCards.CREDIT_CARD.cardNumber().digits())
                    .doesNotContain(DemoCards.EMONEY_CARD.cardNumber().digits());

            ChargeUpFlow charge = kiosk.chargeUp();
            assertThat(charge.readCard()).isEqualTo(ChargeUpFlow.State.AWAITING_CONFIRMATION);
            assertThat(charge.available()).isEqualTo(2_000);
            assertThat(charge.confirm(true)).as(String.valueOf(charge.failure())).isEqualTo(ChargeUpFlow.State.COMPLETED);

            assertThat(charge.charged()).isEqualTo(2_000);
            assertThat(charge.balanceAfter()).isEqualTo(3_000);
            assertThat(kiosk.balance(kiosk.emoneyCard)).isEqualTo(3_000);
            kiosk.assertMoneyConserved(2_000);
            assertThat(kiosk.states).contains(PurchaseFlow.State.VERIFYING_PIN, PurchaseFlow.State.CONTACTING_CREDIT_COMPANY,
                    ChargeUpFlow.State.WRITING_CARD, ChargeUpFlow.State.CONFIRMING);

            String everything = log.unmaskedText() + kiosk.journalText();
            for (CardNumber card : KioskHarness.allCardNumbers()) {
                assertThat(everything).doesNotContain(card.digits());
            }
            assertThat(kiosk.journalText()).doesNotContain("\"1234\"").doesNotContain("31323334");
        }
    }

    @Test
    void aChargeIssuedAtAMadeUpSequenceIsCancelledAndItsValueChargedAtTheCardsTrueOne() throws Exception {
        kiosk = new KioskHarness(pki, directory, Storage.H2);
        kiosk.buy(1_500);
        // Before cards proved their state, a kiosk's word was enough: a charge at sequence 65535 froze this VALUE.
        kiosk.servers.emoney().database().inTransaction(connection -> {
            connection.createStatement().executeUpdate("INSERT INTO charges (charge_id, card_number, sequence, amount, currency, mac,"
                    + " state, terminal_id, issued_at) VALUES (777, '" + DemoCards.EMONEY_CARD.cardNumber().digits() + "', 65535, 1500,"
                    + " 'JPY', '0000000000000000', 'ISSUED', 'KIOSK002', TIMESTAMP '2026-11-24 10:00:00')");
            return connection.createStatement().executeUpdate("UPDATE preparations SET state = 'CHARGING', charge_id = 777"
                    + " WHERE state = 'AVAILABLE'");
        });

        ChargeUpFlow flow = kiosk.chargeUp();
        assertThat(flow.readCard()).isEqualTo(ChargeUpFlow.State.AWAITING_CONFIRMATION);
        assertThat(flow.available()).isEqualTo(1_500);
        assertThat(flow.confirm(true)).isEqualTo(ChargeUpFlow.State.COMPLETED);

        assertThat(kiosk.balance(kiosk.emoneyCard)).isEqualTo(2_500);
        assertThat(kiosk.servers.emoneyCount("SELECT COUNT(*) FROM charges WHERE charge_id = 777 AND state = 'CANCELLED'")).isEqualTo(1);
        kiosk.assertMoneyConserved(1_500);
    }

    @Test
    void aChallengeThatExpiredWhileThePersonDecidedIsReplacedOnce() throws Exception {
        kiosk = new KioskHarness(pki, directory, Storage.H2);
        kiosk.buy(1_500);
        ChargeUpFlow flow = kiosk.chargeUp();
        assertThat(flow.readCard()).isEqualTo(ChargeUpFlow.State.AWAITING_CONFIRMATION);
        kiosk.servers.clock.advance(java.time.Duration.ofMinutes(6));

        assertThat(flow.confirm(true)).isEqualTo(ChargeUpFlow.State.COMPLETED);
        assertThat(kiosk.balance(kiosk.emoneyCard)).isEqualTo(2_500);
        kiosk.assertMoneyConserved(1_500);
    }

    @Test
    void noKeepsTheValueForALaterChargeUp() throws Exception {
        kiosk = new KioskHarness(pki, directory, Storage.H2);
        kiosk.buy(1_500);
        ChargeUpFlow first = kiosk.chargeUp();
        first.readCard();
        assertThat(first.confirm(false)).isEqualTo(ChargeUpFlow.State.KEPT_FOR_LATER);
        assertThat(kiosk.balance(kiosk.emoneyCard)).isEqualTo(1_000);

        ChargeUpFlow later = kiosk.chargeUp();
        assertThat(later.readCard()).isEqualTo(ChargeUpFlow.State.AWAITING_CONFIRMATION);
        assertThat(later.confirm(true)).isEqualTo(ChargeUpFlow.State.COMPLETED);
        assertThat(kiosk.balance(kiosk.emoneyCard)).isEqualTo(2_500);
        kiosk.assertMoneyConserved(1_500);
    }

    @Test
    void aWrongPinCanBeRetypedAndTheBlockedCardIsRefused() throws Exception {
        kiosk = new KioskHarness(pki, directory, Storage.H2);
        PurchaseFlow flow = kiosk.readyToTransmit();
        assertThat(flow.transmit(pin("9999"), 2_000)).isEqualTo(PurchaseFlow.State.READY_FOR_PIN_AND_AMOUNT);
        assertThat(flow.failure().error()).isEqualTo(FlowError.WRONG_PIN);
        assertThat(flow.failure().triesLeft()).isEqualTo(2);
        assertThat(flow.transmit(pin(DemoCards.PIN), 2_000)).isEqualTo(PurchaseFlow.State.APPROVED);

        PurchaseFlow blocking = kiosk.purchase();
        blocking.readCreditCard();
        blocking.readEmoneyCard();
        blocking.transmit(pin("0000"), 100);
        blocking.transmit(pin("0000"), 100);
        assertThat(blocking.transmit(pin("0000"), 100)).isEqualTo(PurchaseFlow.State.FAILED);
        assertThat(blocking.failure().error()).isEqualTo(FlowError.CARD_BLOCKED);
        assertThat(kiosk.servers.credit(Long.class, "SELECT COUNT(*) FROM billing_records")).isEqualTo(1);
    }

    @Test
    void aPurchaseLeftAfterAWrongPinReleasesTheCardAndTakesNoMoreInput() throws Exception {
        kiosk = new KioskHarness(pki, directory, Storage.H2);
        PurchaseFlow flow = kiosk.readyToTransmit();
        flow.transmit(pin("9999"), 2_000);

        flow.close();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> flow.transmit(pin(DemoCards.PIN), 2_000))
                .isInstanceOf(IllegalStateException.class);
        assertThat(kiosk.buy(2_000).state()).as("the next person's purchase").isEqualTo(PurchaseFlow.State.APPROVED);
        assertThat(kiosk.engine.journal().unfinished()).isEmpty();
    }

    @Test
    void aPurchaseOverTheQuotaIsDeclinedAndNothingIsBilled() throws Exception {
        kiosk = new KioskHarness(pki, directory, Storage.H2);
        PurchaseFlow flow = kiosk.buy(50_000);
        assertThat(flow.state()).isEqualTo(PurchaseFlow.State.APPROVED);
        flow = kiosk.buy(50_000);
        assertThat(flow.state()).isEqualTo(PurchaseFlow.State.APPROVED);
        flow = kiosk.buy(100);
        assertThat(flow.state()).isEqualTo(PurchaseFlow.State.FAILED);
        assertThat(flow.failure().error()).isEqualTo(FlowError.DECLINED_OVER_QUOTA);
        assertThat(kiosk.servers.credit(Long.class, "SELECT CAST(SUM(amount) AS BIGINT) FROM billing_records")).isEqualTo(100_000);
    }

    @Test
    void aCardTheIssuerBlockedIsDeclinedButARefusalOfTheKioskItselfIsNotBlamedOnTheCard() throws Exception {
        kiosk = new KioskHarness(pki, directory, Storage.H2);
        CardAccounts.setStatus(kiosk.servers.credit.database(), DemoCards.CREDIT_CARD.cardNumber().digits(),
                CardAccounts.Status.BLOCKED);
        PurchaseFlow blocked = kiosk.buy(2_000);
        assertThat(blocked.failure().error()).isEqualTo(FlowError.DECLINED);

        CardAccounts.setStatus(kiosk.servers.credit.database(), DemoCards.CREDIT_CARD.cardNumber().digits(),
                CardAccounts.Status.ACTIVE);
        int deactivated = kiosk.servers.credit.database().inTransaction(connection -> {
            try (var update = connection.prepareStatement("UPDATE clients SET active = FALSE WHERE name = ?")) {
                update.setString(1, ServersFixture.KIOSK);
                return update.executeUpdate();
            }
        });
        assertThat(deactivated).isEqualTo(1);
        // The server believes a client it found active for a few seconds: past that, the deactivation counts.
        kiosk.servers.clock.advance(com.valuekiosk.server.db.SqlClientRegistry.DEFAULT_TTL.plusSeconds(1));
        PurchaseFlow unregistered = kiosk.buy(2_000);
        assertThat(unregistered.failure().error()).as("the kiosk, not the card: ask staff").isEqualTo(FlowError.INTERNAL);
        assertThat(kiosk.servers.credit(Long.class, "SELECT COUNT(*) FROM billing_records")).isZero();
    }

    @Test
    void anAmountOutsideTheKiosksLimitsIsRefusedBeforeAnythingHappens() throws Exception {
        kiosk = new KioskHarness(pki, directory, Storage.H2);
        PurchaseFlow flow = kiosk.readyToTransmit();
        char[] typed = DemoCards.PIN.toCharArray();
        assertThat(flow.transmit(com.valuekiosk.kiosk.reader.PinSource.of(typed), 50_001))
                .isEqualTo(PurchaseFlow.State.READY_FOR_PIN_AND_AMOUNT);
        assertThat(flow.failure().error()).isEqualTo(FlowError.INVALID_AMOUNT);
        assertThat(new String(typed)).as("the PIN is wiped").isEqualTo("\0\0\0\0");
        assertThat(kiosk.servers.credit(Long.class, "SELECT COUNT(*) FROM billing_records")).isZero();
    }

    @Test
    void contactlessCreditCardThenEmoneyCardOnOneReader() throws Exception {
        kiosk = new KioskHarness(pki, directory, Storage.H2);
        SimulatedCard contactlessCredit = CARDS.contactlessCreditCard(DemoCards.CONTACTLESS_CREDIT_CARD);
        PurchaseFlow flow = kiosk.engine.purchase(true, new HostPinEntry(), kiosk.states::add);
        kiosk.contactless.tap(contactlessCredit);
        assertThat(flow.readCreditCard()).isEqualTo(PurchaseFlow.State.READING_EMONEY_CARD);
        // One reader: the e-money card is tapped next, then the credit card again for PIN and TRANSMIT.
        kiosk.contactless.remove();
        kiosk.contactless.tap(kiosk.emoneyCard);
        assertThat(flow.readEmoneyCard()).isEqualTo(PurchaseFlow.State.READY_FOR_PIN_AND_AMOUNT);
        kiosk.contactless.remove();
        kiosk.contactless.tap(contactlessCredit);
        assertThat(flow.transmit(pin(DemoCards.PIN), 2_000)).as(String.valueOf(flow.failure()))
                .isEqualTo(PurchaseFlow.State.APPROVED);
        assertThat(kiosk.servers.available(DemoCards.EMONEY_CARD.cardNumber())).isEqualTo(2_000);
    }

    @Test
    void comboCardBuysForItsOwnPurseAndChargesItOnTheContactlessReader() throws Exception {
        kiosk = new KioskHarness(pki, directory, Storage.H2);
        SimulatedCard combo = CARDS.comboCard(DemoCards.COMBO_CREDIT, DemoCards.COMBO_PURSE);
        kiosk.contact.insert(combo);
        PurchaseFlow flow = kiosk.purchase();
        assertThat(flow.readCreditCard()).isEqualTo(PurchaseFlow.State.READY_FOR_PIN_AND_AMOUNT);
        assertThat(flow.emoneyCard()).isEqualTo(DemoCards.COMBO_PURSE.cardNumber());
        assertThat(flow.transmit(pin(DemoCards.PIN), 3_000)).as(String.valueOf(flow.failure())).isEqualTo(PurchaseFlow.State.APPROVED);

        kiosk.contact.remove();
        kiosk.contactless.tap(combo);
        ChargeUpFlow charge = kiosk.chargeUp();
        assertThat(charge.readCard()).isEqualTo(ChargeUpFlow.State.AWAITING_CONFIRMATION);
        assertThat(charge.confirm(true)).isEqualTo(ChargeUpFlow.State.COMPLETED);
        assertThat(kiosk.balance(combo)).isEqualTo(3_000);
    }

    @Test
    void comboCardAloneOnTheContactlessReaderBuysAndIsChargedWithoutLeavingIt() throws Exception {
        // FIG. 14B as the patent draws it: one dual-interface card on the contactless reader only.
        kiosk = new KioskHarness(pki, directory, Storage.H2);
        assertThat(kiosk.engine.contactlessReader()).isSameAs(kiosk.contactless);
        assertThat(kiosk.engine.contactReader()).containsSame(kiosk.contact);
        SimulatedCard combo = CARDS.comboCard(DemoCards.COMBO_CREDIT, DemoCards.COMBO_PURSE);
        kiosk.contactless.tap(combo);
        PurchaseFlow flow = kiosk.engine.purchase(true, new HostPinEntry(), kiosk.states::add);
        assertThat(flow.readCreditCard()).isEqualTo(PurchaseFlow.State.READY_FOR_PIN_AND_AMOUNT);
        assertThat(flow.emoneyCard()).isEqualTo(DemoCards.COMBO_PURSE.cardNumber());
        assertThat(flow.transmit(pin(DemoCards.PIN), 2_000)).as(String.valueOf(flow.failure()))
                .isEqualTo(PurchaseFlow.State.APPROVED);

        ChargeUpFlow charge = kiosk.chargeUp();
        assertThat(charge.readCard()).isEqualTo(ChargeUpFlow.State.AWAITING_CONFIRMATION);
        assertThat(charge.confirm(true)).isEqualTo(ChargeUpFlow.State.COMPLETED);
        assertThat(kiosk.balance(combo)).isEqualTo(2_000);
    }

    @Test
    void aPhoneWithAPasswordIsChargedAfterThePasswordScreen() throws Exception {
        kiosk = new KioskHarness(pki, directory, Storage.H2);
        SimulatedCard phone = CARDS.phone(DemoCards.PHONE_PURSE);
        kiosk.contact.insert(kiosk.creditCard);
        kiosk.contactless.tap(phone);
        PurchaseFlow flow = kiosk.purchase();
        flow.readCreditCard();
        flow.readEmoneyCard();
        assertThat(flow.transmit(pin(DemoCards.PIN), 1_000)).isEqualTo(PurchaseFlow.State.APPROVED);

        ChargeUpFlow charge = kiosk.chargeUp();
        assertThat(charge.readCard()).isEqualTo(ChargeUpFlow.State.PASSWORD_NEEDED);
        assertThat(charge.submitPassword("0000".toCharArray())).isEqualTo(ChargeUpFlow.State.PASSWORD_NEEDED);
        assertThat(charge.failure().error()).isEqualTo(FlowError.PASSWORD_WRONG);
        char[] password = EmoneyUsers.DEMO_PHONE_PASSWORD.toCharArray();
        assertThat(charge.submitPassword(password)).isEqualTo(ChargeUpFlow.State.AWAITING_CONFIRMATION);
        assertThat(charge.confirm(true)).isEqualTo(ChargeUpFlow.State.COMPLETED);
        assertThat(new String(password)).as("password wiped").isEqualTo("\0\0\0\0");
        assertThat(kiosk.balance(phone)).isEqualTo(6_000);
    }

    @Test
    void balanceInquiryShowsTheBalanceAndTheLog() throws Exception {
        kiosk = new KioskHarness(pki, directory, Storage.H2);
        kiosk.buy(700);
        ChargeUpFlow charge = kiosk.chargeUp();
        charge.readCard();
        charge.confirm(true);

        BalanceInquiryFlow inquiry = kiosk.engine.balanceInquiry(kiosk.states::add);
        assertThat(inquiry.readCard()).isEqualTo(BalanceInquiryFlow.State.SHOWING_BALANCE);
        assertThat(inquiry.balance().balance()).isEqualTo(1_700);
        assertThat(inquiry.balance().maskedCard()).isEqualTo("**** **** **** 0017");
        assertThat(inquiry.balance().log()).extracting(PurseLogEntry::amount).containsExactly(700L);
    }

    @Test
    void nothingToChargeAndNoCardAreTheirOwnErrors() throws Exception {
        kiosk = new KioskHarness(pki, directory, Storage.H2);
        ChargeUpFlow noCard = kiosk.chargeUp();
        assertThat(noCard.readCard()).isEqualTo(ChargeUpFlow.State.FAILED);
        assertThat(noCard.failure().error()).isEqualTo(FlowError.NO_CARD);

        kiosk.contactless.tap(kiosk.emoneyCard);
        ChargeUpFlow nothing = kiosk.chargeUp();
        assertThat(nothing.readCard()).isEqualTo(ChargeUpFlow.State.FAILED);
        assertThat(nothing.failure().error()).isEqualTo(FlowError.NOTHING_TO_CHARGE);
    }

    @Test
    void aCardLingeringAfterACompletedChargeIsNotProcessedAgain() throws Exception {
        kiosk = new KioskHarness(pki, directory, Storage.H2);
        kiosk.buy(500);
        ChargeUpFlow charge = kiosk.chargeUp();
        charge.readCard();
        charge.confirm(true);
        kiosk.buy(500); // more VALUE arrives while the card still lies on the reader

        ChargeUpFlow again = kiosk.chargeUp();
        assertThat(again.readCard()).isEqualTo(ChargeUpFlow.State.FAILED);
        assertThat(again.failure().error()).isEqualTo(FlowError.CARD_STILL_ON_READER);

        kiosk.contactless.remove();
        kiosk.contactless.tap(kiosk.emoneyCard);
        ChargeUpFlow afterRemoval = kiosk.chargeUp();
        assertThat(afterRemoval.readCard()).isEqualTo(ChargeUpFlow.State.AWAITING_CONFIRMATION);
    }
}

package com.valuekiosk.card.sim;

import static com.valuekiosk.card.sim.CardTestSupport.key;
import static com.valuekiosk.card.sim.CardTestSupport.send;
import static com.valuekiosk.card.sim.CardTestSupport.swHex;
import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.Aids;
import com.valuekiosk.card.host.AmountChange;
import com.valuekiosk.card.host.Bytes;
import com.valuekiosk.card.host.CardCommands;
import com.valuekiosk.card.host.CreditCardApplication;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.host.KeyUsage;
import com.valuekiosk.card.host.PurchaseAuthorization;
import com.valuekiosk.card.host.PurchaseRequest;
import com.valuekiosk.card.host.PurseApplication;
import com.valuekiosk.card.host.TerminalId;
import com.valuekiosk.card.sim.SimulatedCard.FormFactor;
import org.junit.jupiter.api.Test;

/** FIG. 14A–14C: contactless credit card, combo card, phone; and cards that must not share a chip. */
class CardVariantsTest {

    /** What runs the applets: their classes here; {@link CardVariantsOnCapTest} runs every test of this class on the CAP file. */
    AppletCode appletCode() {
        return AppletCode.CLASSES;
    }

    SimulatedCardFactory factory() {
        return CardTestSupport.factory(appletCode());
    }

    private static final TerminalId KIOSK = new TerminalId("KIOSK001");

    @Test
    void comboCardSwitchesModeBySelectingTheOtherApplet() throws Exception {
        SimulatedCard combo = factory().comboCard(DemoCards.COMBO_CREDIT, DemoCards.COMBO_PURSE);
        assertThat(combo.formFactor().contact()).isTrue();
        assertThat(combo.formFactor().contactless()).isTrue();
        assertThat(combo.aids()).containsExactly(Aids.CREDIT_CARD, Aids.PURSE);

        CreditCardApplication credit = new CreditCardApplication(combo);
        PurseApplication purse = new PurseApplication(combo);
        assertThat(credit.select().purseOnCard()).as("the SELECT answer says a purse shares the chip").contains(true);
        credit.verifyPin(DemoCards.PIN.toCharArray());
        assertThat(purse.select().kind()).isEqualTo(com.valuekiosk.card.host.AppletInfo.Kind.PURSE);
        assertThat(purse.readCardData().cardNumber()).isEqualTo(DemoCards.COMBO_PURSE.cardNumber());

        credit.select();
        PurchaseRequest request = new PurchaseRequest(2_000, DemoCards.YEN, DemoCards.COMBO_PURSE.cardNumber(), KIOSK);
        assertThat(swHex(send(combo, CardCommands.authorizePurchase(request))))
                .as("selecting the purse deselected the credit applet and ended the verification").isEqualTo("6982");
        credit.verifyPin(DemoCards.PIN.toCharArray());
        PurchaseAuthorization authorization = credit.authorizePurchase(request);
        assertThat(authorization.isAuthentic(key(KeyUsage.PURCHASE_CRYPTOGRAM, DemoCards.COMBO_CREDIT.cardNumber()),
                DemoCards.COMBO_CREDIT.cardNumber(), request)).isTrue();

        purse.select();
        var purseNumber = DemoCards.COMBO_PURSE.cardNumber();
        assertThat(purse.credit(AmountChange.issue(key(KeyUsage.PURSE_CREDIT, purseNumber), purseNumber, 2_000, 0, 1))
                .balanceAfter()).isEqualTo(2_000);
    }

    @Test
    void onlyAComboCardSaysAPurseSharesTheChip() throws Exception {
        assertThat(new CreditCardApplication(factory().creditCard(DemoCards.CREDIT_CARD)).select().purseOnCard())
                .contains(false);
        assertThat(new CreditCardApplication(factory().contactlessCreditCard(DemoCards.CONTACTLESS_CREDIT_CARD)).select()
                .purseOnCard()).contains(false);
        SimulatedCard combo = factory().comboCard(DemoCards.COMBO_CREDIT, DemoCards.COMBO_PURSE);
        assertThat(Bytes.hex(send(combo, CardCommands.select(Aids.CREDIT_CARD)))).startsWith("01020201");
        assertThat(new PurseApplication(combo).select().purse().orElseThrow().cardNumber())
                .isEqualTo(DemoCards.COMBO_PURSE.cardNumber());
    }

    @Test
    void phoneCarriesOnlyThePurseOnTheContactlessInterface() throws Exception {
        SimulatedCard phone = factory().phone(DemoCards.PHONE_PURSE);
        assertThat(phone.formFactor()).isEqualTo(FormFactor.PHONE);
        assertThat(phone.formFactor().contact()).isFalse();
        assertThat(phone.formFactor().contactless()).isTrue();
        assertThat(swHex(send(phone, CardCommands.select(Aids.CREDIT_CARD)))).isEqualTo("6A82");
        PurseApplication purse = new PurseApplication(phone);
        purse.select();
        assertThat(purse.readCardData().balance()).isEqualTo(5_000);
    }

    @Test
    void contactlessCreditCardAuthorisesLikeTheContactOne() throws Exception {
        SimulatedCard card = factory().contactlessCreditCard(DemoCards.CONTACTLESS_CREDIT_CARD);
        assertThat(card.formFactor().contactless()).isTrue();
        assertThat(card.formFactor().contact()).isFalse();
        CreditCardApplication credit = new CreditCardApplication(card);
        credit.select();
        credit.verifyPin(DemoCards.PIN.toCharArray());
        PurchaseRequest request = new PurchaseRequest(5_000, DemoCards.YEN, DemoCards.EMONEY_CARD.cardNumber(), KIOSK);
        var number = DemoCards.CONTACTLESS_CREDIT_CARD.cardNumber();
        assertThat(credit.authorizePurchase(request).isAuthentic(key(KeyUsage.PURCHASE_CRYPTOGRAM, number), number, request)).isTrue();
        assertThat(swHex(send(card, CardCommands.select(Aids.PURSE)))).isEqualTo("6A82");
    }

    @Test
    void twoCardsDoNotShareOneChip() throws Exception {
        SimulatedCard creditCard = factory().creditCard(DemoCards.CREDIT_CARD);
        SimulatedCard firstPurse = factory().purseCard(DemoCards.EMONEY_CARD);
        SimulatedCard secondPurse = factory().purseCard(DemoCards.EMONEY_CARD);
        CreditCardApplication credit = new CreditCardApplication(creditCard);
        credit.select();
        credit.verifyPin(DemoCards.PIN.toCharArray());

        PurseApplication first = new PurseApplication(firstPurse);
        first.select();
        var number = DemoCards.EMONEY_CARD.cardNumber();
        first.credit(AmountChange.issue(key(KeyUsage.PURSE_CREDIT, number), number, 700, 0, 1));
        PurseApplication second = new PurseApplication(secondPurse);
        second.select();

        assertThat(second.readCardData().balance()).as("same personalisation, separate memory").isEqualTo(1_000);
        assertThat(first.readCardData().balance()).isEqualTo(1_700);
        assertThat(credit.pinTriesRemaining()).as("credit card still selected and verified").isEqualTo(-1);
    }

    @Test
    void withNothingSelectedOrAnUnknownAidTheCardAnswersApplicationNotFound() {
        SimulatedCard card = factory().purseCard(DemoCards.EMONEY_CARD);
        assertThat(swHex(send(card, "80 CA 00 00 00"))).isEqualTo("6A82");
        assertThat(swHex(send(card, "00 A4 04 00 08 A000000003101001 00"))).isEqualTo("6A82");
        assertThat(swHex(send(card, "00 A4 04 00 00"))).isEqualTo("6A82");
        assertThat(swHex(send(card, CardCommands.select(Aids.PURSE)))).isEqualTo("9000");
        card.powerOff();
        assertThat(swHex(send(card, "80 CA 00 00 00"))).as("after power off").isEqualTo("6A82");
    }
}

package com.valuekiosk.card.sim;

import static com.valuekiosk.card.sim.CardTestSupport.key;
import static com.valuekiosk.card.sim.CardTestSupport.send;
import static com.valuekiosk.card.sim.CardTestSupport.swHex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.valuekiosk.card.host.Aids;
import com.valuekiosk.card.host.AppletInfo;
import com.valuekiosk.card.host.Bytes;
import com.valuekiosk.card.host.CardCommands;
import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.card.host.CardStatusException;
import com.valuekiosk.card.host.CreditCardApplication;
import com.valuekiosk.card.host.CreditCardData;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.host.KeyUsage;
import com.valuekiosk.card.host.PurchaseAuthorization;
import com.valuekiosk.card.host.PurchaseRequest;
import com.valuekiosk.card.host.TerminalId;
import java.time.YearMonth;
import java.util.Currency;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CreditCardAppletTest {

    /** What runs the applets: their classes here; {@link CreditCardAppletOnCapTest} runs every test of this class on the CAP file. */
    AppletCode appletCode() {
        return AppletCode.CLASSES;
    }

    SimulatedCardFactory factory() {
        return CardTestSupport.factory(appletCode());
    }

    private static final CardNumber CARD = DemoCards.CREDIT_CARD.cardNumber();
    private static final PurchaseRequest REQUEST = new PurchaseRequest(2_000, DemoCards.YEN,
            DemoCards.EMONEY_CARD.cardNumber(), new TerminalId("KIOSK001"));

    private SimulatedCard card;
    private CreditCardApplication credit;

    @BeforeEach
    void insertCard() throws Exception {
        card = factory().creditCard(DemoCards.CREDIT_CARD);
        credit = new CreditCardApplication(card);
        credit.select();
    }

    @Test
    void selectAnswersKindVersionLifeCycleAndTheCardData() throws Exception {
        AppletInfo info = credit.select();
        assertThat(info.kind()).isEqualTo(AppletInfo.Kind.CREDIT_CARD);
        assertThat(info.version()).isEqualTo(2);
        assertThat(info.operational()).isTrue();
        assertThat(info.creditCard()).contains(new CreditCardData(CARD, YearMonth.of(2030, 12), 0, 3, "TARO YAMADA"));
        assertThat(info.purse()).isEmpty();
        assertThat(info.purseOnCard()).as("a credit-only card").contains(false);
    }

    /** APDU.md 5.1: kind, version, life cycle, flags, then the GET DATA answer byte for byte. */
    @Test
    void selectAnswerIsThePrefixTheFlagsAndTheGetDataAnswer() {
        String getData = Bytes.hex(send(card, "80 CA 00 00 00"));
        String select = Bytes.hex(send(card, CardCommands.select(Aids.CREDIT_CARD)));
        assertThat(getData).endsWith("9000");
        assertThat(select).isEqualTo("010202" + "00" + getData);
        assertThat(select.length() / 2 - 2).as("data bytes").isEqualTo(4 + 14 + "TARO YAMADA".length());
    }

    @Test
    void selectAnswerShowsTheTriesLeftAsTheyAreNow() throws Exception {
        assertThat(swHex(send(card, "00 20 00 80 04 39393939"))).isEqualTo("63C2");
        assertThat(credit.select().creditCard().orElseThrow().pinTriesRemaining()).isEqualTo(2);
    }

    @Test
    void getDataAnswersThePersonalisedData() throws Exception {
        CreditCardData data = credit.readCardData();
        assertThat(data).isEqualTo(new CreditCardData(CARD, YearMonth.of(2030, 12), 0, 3, "TARO YAMADA"));
    }

    @Test
    void correctPinVerifies() throws Exception {
        credit.verifyPin("1234".toCharArray());
        assertThat(credit.pinTriesRemaining()).isEqualTo(-1);
    }

    @Test
    void wrongPinThreeTimesBlocksTheCard() throws Exception {
        assertThat(swHex(send(card, "00 20 00 80 04 39393939"))).isEqualTo("63C2");
        assertThat(swHex(send(card, "00 20 00 80 04 39393939"))).isEqualTo("63C1");
        assertThat(swHex(send(card, "00 20 00 80 04 39393939"))).isEqualTo("6983");

        assertThat(swHex(send(card, "00 20 00 80 04 31323334"))).as("right PIN after blocking").isEqualTo("6983");
        assertThat(swHex(send(card, "00 20 00 80"))).as("status").isEqualTo("6983");
        assertThat(swHex(send(card, CardCommands.authorizePurchase(REQUEST)))).isEqualTo("6983");
        card.powerOff();
        credit.select();
        assertThat(swHex(send(card, "00 20 00 80 04 31323334"))).as("blocked for good").isEqualTo("6983");
        assertThat(credit.readCardData().atc()).isZero();
    }

    @Test
    void wrongPinReportsTriesLeftThroughTheHostLibrary() {
        assertThatThrownBy(() -> credit.verifyPin("0000".toCharArray()))
                .isInstanceOfSatisfying(CardStatusException.class, e -> {
                    assertThat(e.sw()).isEqualTo(0x63C2);
                    assertThat(e.pinTriesRemaining()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("wrong PIN, 2 tries left").doesNotContain("0000");
                });
    }

    @Test
    void correctPinResetsTheTryCounter() throws Exception {
        send(card, "00 20 00 80 04 39393939");
        send(card, "00 20 00 80 04 39393939");
        assertThat(credit.pinTriesRemaining()).isEqualTo(1);
        credit.verifyPin("1234".toCharArray());
        credit.select();
        assertThat(credit.pinTriesRemaining()).isEqualTo(3);
    }

    @Test
    void malformedPinIsRefusedWithoutCostingATry() throws Exception {
        assertThat(swHex(send(card, "00 20 00 80 04 3132333A"))).as("not a digit").isEqualTo("6A80");
        assertThat(swHex(send(card, "00 20 00 80 03 313233"))).as("too short").isEqualTo("6A80");
        assertThat(swHex(send(card, "00 20 00 80 09 313233343536373839"))).as("too long").isEqualTo("6700");
        assertThat(swHex(send(card, "00 20 00 00 04 31323334"))).as("wrong P2").isEqualTo("6A86");
        assertThat(credit.pinTriesRemaining()).isEqualTo(3);
    }

    @Test
    void authorisationWithoutVerifyIsRefused() throws Exception {
        assertThat(swHex(send(card, CardCommands.authorizePurchase(REQUEST)))).isEqualTo("6982");
        assertThat(credit.readCardData().atc()).isZero();
    }

    @Test
    void verifiedStateIsLostOnReselect() throws Exception {
        credit.verifyPin("1234".toCharArray());
        credit.select();
        assertThat(swHex(send(card, CardCommands.authorizePurchase(REQUEST)))).isEqualTo("6982");
    }

    @Test
    void verifiedStateIsLostWhenTheCardLosesPower() throws Exception {
        credit.verifyPin("1234".toCharArray());
        card.powerOff();
        credit.select();
        assertThat(swHex(send(card, CardCommands.authorizePurchase(REQUEST)))).isEqualTo("6982");
    }

    @Test
    void oneVerificationAllowsOneAuthorisation() throws Exception {
        credit.verifyPin("1234".toCharArray());
        credit.authorizePurchase(REQUEST);
        assertThat(swHex(send(card, CardCommands.authorizePurchase(REQUEST)))).isEqualTo("6982");
        assertThat(credit.readCardData().atc()).isEqualTo(1);
    }

    @Test
    void cryptogramVerifiesOnTheHostAndTheAtcIncreasesEveryTime() throws Exception {
        byte[] cardKey = key(KeyUsage.PURCHASE_CRYPTOGRAM, CARD);
        for (int expectedAtc = 1; expectedAtc <= 3; expectedAtc++) {
            credit.verifyPin("1234".toCharArray());
            PurchaseAuthorization authorization = credit.authorizePurchase(REQUEST);
            assertThat(authorization.atc()).isEqualTo(expectedAtc);
            assertThat(authorization.isAuthentic(cardKey, CARD, REQUEST)).isTrue();
            assertThat(authorization).isEqualTo(PurchaseAuthorization.compute(cardKey, CARD, REQUEST, expectedAtc));
        }
        assertThat(credit.readCardData().atc()).isEqualTo(3);
    }

    @Test
    void cryptogramChangesWhenAnyCoveredFieldChanges() throws Exception {
        byte[] cardKey = key(KeyUsage.PURCHASE_CRYPTOGRAM, CARD);
        credit.verifyPin("1234".toCharArray());
        PurchaseAuthorization authorization = credit.authorizePurchase(REQUEST);

        CardNumber otherPurse = CardNumber.of("9999010000000099");
        assertThat(authorization.isAuthentic(cardKey, CARD, withAmount(2_001))).as("amount").isFalse();
        assertThat(authorization.isAuthentic(cardKey, CARD, new PurchaseRequest(2_000, Currency.getInstance("USD"),
                REQUEST.emoneyCard(), REQUEST.terminal()))).as("currency").isFalse();
        assertThat(authorization.isAuthentic(cardKey, CARD, new PurchaseRequest(2_000, DemoCards.YEN, otherPurse,
                REQUEST.terminal()))).as("e-money card").isFalse();
        assertThat(authorization.isAuthentic(cardKey, CARD, new PurchaseRequest(2_000, DemoCards.YEN,
                REQUEST.emoneyCard(), new TerminalId("KIOSK002")))).as("terminal").isFalse();
        assertThat(new PurchaseAuthorization(authorization.atc() + 1, authorization.cryptogram())
                .isAuthentic(cardKey, CARD, REQUEST)).as("ATC").isFalse();
        assertThat(authorization.isAuthentic(key(KeyUsage.PURCHASE_CRYPTOGRAM, DemoCards.COMBO_CREDIT.cardNumber()),
                DemoCards.COMBO_CREDIT.cardNumber(), REQUEST)).as("another card's key").isFalse();

        byte[] withoutPin = PurchaseAuthorization.macInput(CARD, REQUEST, authorization.atc());
        withoutPin[withoutPin.length - 1] = 0;
        assertThat(com.valuekiosk.card.host.CardKeys.mac(cardKey, withoutPin)).as("PIN-verified flag")
                .isNotEqualTo(authorization.cryptogram());

        credit.verifyPin("1234".toCharArray());
        PurchaseAuthorization second = credit.authorizePurchase(REQUEST);
        assertThat(second.cryptogram()).as("same request, next ATC").isNotEqualTo(authorization.cryptogram());
    }

    @Test
    void authorisationRefusesInvalidDataWithoutCountingUp() throws Exception {
        credit.verifyPin("1234".toCharArray());
        String emoney = Bytes.hex(DemoCards.EMONEY_CARD.cardNumber().toBcd());
        String terminal = Bytes.hex(new TerminalId("KIOSK001").toBytes());
        assertThat(swHex(send(card, "80AE0000 16 00000000 0392 " + emoney + terminal + "00"))).as("zero amount").isEqualTo("6A80");
        assertThat(swHex(send(card, "80AE0000 16 000007D0 03A2 " + emoney + terminal + "00"))).as("currency not BCD").isEqualTo("6A80");
        assertThat(swHex(send(card, "80AE0000 16 000007D0 0392 F999010000000017" + terminal + "00"))).as("card number not BCD").isEqualTo("6A80");
        assertThat(swHex(send(card, "80AE0000 15 000007D0 0392 " + emoney + terminal.substring(2) + "00"))).as("Lc 21").isEqualTo("6700");
        assertThat(swHex(send(card, "80AE0001 16 000007D0 0392 " + emoney + terminal + "00"))).as("P2").isEqualTo("6A86");
        assertThat(credit.readCardData().atc()).isZero();
        assertThat(credit.pinTriesRemaining()).as("still verified").isEqualTo(-1);
    }

    @Test
    void malformedApdusAnswerTheSpecificIsoStatusWord() {
        assertThat(swHex(send(card, "84 CA 00 00 00"))).as("unknown CLA").isEqualTo("6E00");
        assertThat(swHex(send(card, "00 CA 00 00 00"))).as("ISO CLA on a proprietary INS").isEqualTo("6E00");
        assertThat(swHex(send(card, "80 20 00 80 04 31323334"))).as("proprietary CLA on VERIFY").isEqualTo("6E00");
        assertThat(swHex(send(card, "80 99 00 00 00"))).as("unknown INS").isEqualTo("6D00");
        assertThat(swHex(send(card, "80 32 00 00 00"))).as("purse INS on the credit applet").isEqualTo("6D00");
        assertThat(swHex(send(card, "80 CA 01 00 00"))).as("P1").isEqualTo("6A86");
        assertThat(swHex(send(card, "80 AE 00 00 16 0102"))).as("Lc larger than the data").isEqualTo("6700");
        assertThat(swHex(send(card, "80 AE 00 00 02 010203040506"))).as("data longer than Lc + Le").isEqualTo("6700");
        assertThat(swHex(send(card, "80 CA 00"))).as("shorter than a header").isEqualTo("6700");
        assertThat(swHex(send(card, ""))).as("empty").isEqualTo("6700");
    }

    @Test
    void commandsWithoutDataTakeP3AsLeWhateverItsValue() throws Exception {
        byte[] exactLe = send(card, "80 CA 00 00 19");
        assertThat(swHex(exactLe)).isEqualTo("9000");
        assertThat(CreditCardData.parse(java.util.Arrays.copyOf(exactLe, exactLe.length - 2)).cardNumber()).isEqualTo(CARD);
        assertThat(swHex(send(card, "80 CA 00 00"))).as("case 1").isEqualTo("9000");
    }

    private static PurchaseRequest withAmount(long amount) {
        return new PurchaseRequest(amount, REQUEST.currency(), REQUEST.emoneyCard(), REQUEST.terminal());
    }
}

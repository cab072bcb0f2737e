package com.valuekiosk.card.sim;

import static com.valuekiosk.card.sim.CardTestSupport.ISSUER;
import static com.valuekiosk.card.sim.CardTestSupport.send;
import static com.valuekiosk.card.sim.CardTestSupport.swHex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.valuekiosk.card.host.Aids;
import com.valuekiosk.card.host.AppletInfo;
import com.valuekiosk.card.host.Bytes;
import com.valuekiosk.card.host.CardCommands;
import com.valuekiosk.card.host.CreditCardApplication;
import com.valuekiosk.card.host.CreditCardData;
import com.valuekiosk.card.host.CreditCardProfile;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.host.Personalisation;
import com.valuekiosk.card.host.PurseApplication;
import com.valuekiosk.card.host.PurseData;
import com.valuekiosk.card.host.PurseProfile;
import com.valuekiosk.card.sim.SimulatedCard.FormFactor;
import org.junit.jupiter.api.Test;

class PersonalisationTest {

    /** What runs the applets: their classes here; {@link PersonalisationOnCapTest} runs every test of this class on the CAP file. */
    AppletCode appletCode() {
        return AppletCode.CLASSES;
    }

    SimulatedCardFactory factory() {
        return CardTestSupport.factory(appletCode());
    }

    @Test
    void aBlankCardOnlyTakesPersonalisationCommands() throws Exception {
        SimulatedCard blank = SimulatedCardFactory.blank(FormFactor.COMBO_CARD, (byte) 3, appletCode());

        assertThat(new CreditCardApplication(blank).select()).isEqualTo(new AppletInfo(AppletInfo.Kind.CREDIT_CARD, 2, false));
        assertThat(Bytes.hex(send(blank, CardCommands.select(Aids.CREDIT_CARD))))
                .as("in personalisation the SELECT answer is the 3 bytes: no data yet").isEqualTo("0102019000");
        assertThat(swHex(send(blank, "80 CA 00 00 00"))).as("GET DATA").isEqualTo("6985");
        assertThat(swHex(send(blank, "00 20 00 80 04 31323334"))).as("VERIFY").isEqualTo("6985");
        assertThat(swHex(send(blank, "00 20 00 80"))).as("VERIFY status").isEqualTo("6985");

        assertThat(Bytes.hex(send(blank, CardCommands.select(Aids.PURSE)))).isEqualTo("0202019000");
        assertThat(new PurseApplication(blank).select()).isEqualTo(new AppletInfo(AppletInfo.Kind.PURSE, 2, false));
        assertThat(swHex(send(blank, "80 CA 00 00 00"))).as("GET DATA").isEqualTo("6985");
        assertThat(swHex(send(blank, "80 B2 01 04 00"))).as("READ RECORD").isEqualTo("6985");
        assertThat(swHex(send(blank, "80 32 00 00 16 000007D0000000000000000000010000000000000000"))).as("CREDIT").isEqualTo("6985");
    }

    @Test
    void activateBeforeEveryMandatoryItemIsRefused() {
        SimulatedCard blank = SimulatedCardFactory.blank(FormFactor.CONTACT_CREDIT_CARD, (byte) 3, appletCode());
        send(blank, "00 A4 04 00 08 F0564B494F534B01 00");
        assertThat(swHex(send(blank, "80 DA 00 01 08 4999990000000013"))).isEqualTo("9000");
        assertThat(swHex(send(blank, "80 44 00 00"))).isEqualTo("6A88");
        assertThat(swHex(send(blank, "80 CA 00 00 00"))).as("still in personalisation").isEqualTo("6985");
    }

    @Test
    void putDataChecksTagLengthAndValue() {
        SimulatedCard credit = SimulatedCardFactory.blank(FormFactor.CONTACT_CREDIT_CARD, (byte) 3, appletCode());
        send(credit, "00 A4 04 00 08 F0564B494F534B01 00");
        assertThat(swHex(send(credit, "80 DA 00 09 01 00"))).as("unknown tag").isEqualTo("6A86");
        assertThat(swHex(send(credit, "80 DA 01 01 08 4999990000000013"))).as("P1").isEqualTo("6A86");
        assertThat(swHex(send(credit, "80 DA 00 01 07 49999900000000"))).as("card number length").isEqualTo("6700");
        assertThat(swHex(send(credit, "80 DA 00 01 08 49999900000000A3"))).as("card number not BCD").isEqualTo("6A80");
        assertThat(swHex(send(credit, "80 DA 00 02 02 3013"))).as("month 13").isEqualTo("6A80");
        assertThat(swHex(send(credit, "80 DA 00 02 02 3000"))).as("month 00").isEqualTo("6A80");
        assertThat(swHex(send(credit, "80 DA 00 03 03 41 0A 42"))).as("name not printable").isEqualTo("6A80");
        assertThat(swHex(send(credit, "80 DA 00 03 1B 414141414141414141414141414141414141414141414141414141")))
                .as("name of 27").isEqualTo("6700");
        assertThat(swHex(send(credit, "80 DA 00 04 03 313233"))).as("PIN of 3").isEqualTo("6700");
        assertThat(swHex(send(credit, "80 DA 00 04 04 3132333F"))).as("PIN not digits").isEqualTo("6A80");
        assertThat(swHex(send(credit, "80 DA 00 05 08 0001020304050607"))).as("key length").isEqualTo("6700");
        assertThat(swHex(send(credit, "80 DA 00 01"))).as("no data").isEqualTo("6700");

        SimulatedCard purse = SimulatedCardFactory.blank(FormFactor.PURSE_CARD, (byte) 3, appletCode());
        send(purse, "00 A4 04 00 08 F0564B494F534B02 00");
        assertThat(swHex(send(purse, "80 DA 00 02 02 039A"))).as("currency not BCD").isEqualTo("6A80");
        assertThat(swHex(send(purse, "80 DA 00 03 04 00000000"))).as("maximum of zero").isEqualTo("6A80");
        assertThat(swHex(send(purse, "80 DA 00 07 01 00"))).as("unknown tag").isEqualTo("6A86");
    }

    @Test
    void personalisationCommandsAreRefusedOnceTheCardIsActivated() throws Exception {
        SimulatedCard card = factory().comboCard(DemoCards.COMBO_CREDIT, DemoCards.COMBO_PURSE);
        CreditCardApplication credit = new CreditCardApplication(card);
        credit.select();
        CreditCardData before = credit.readCardData();

        assertThat(swHex(send(card, "80 DA 00 01 08 1111111111111111"))).as("card number").isEqualTo("6985");
        assertThat(swHex(send(card, "80 DA 00 04 04 30303030"))).as("PIN").isEqualTo("6985");
        assertThat(swHex(send(card, "80 DA 00 05 10 00000000000000000000000000000000"))).as("key").isEqualTo("6985");
        assertThat(swHex(send(card, "80 44 00 00"))).as("ACTIVATE again").isEqualTo("6985");
        assertThat(credit.readCardData()).isEqualTo(before);
        credit.verifyPin(DemoCards.PIN.toCharArray());

        PurseApplication purse = new PurseApplication(card);
        purse.select();
        PurseData purseBefore = purse.readCardData();
        assertThat(swHex(send(card, "80 DA 00 04 04 7FFFFFFF"))).as("balance").isEqualTo("6985");
        assertThat(swHex(send(card, "80 DA 00 03 04 FFFFFFFF"))).as("maximum").isEqualTo("6985");
        assertThat(purse.readCardData()).isEqualTo(purseBefore);
    }

    @Test
    void personalisingTwiceFailsAtTheFirstCommand() {
        SimulatedCard card = factory().purseCard(DemoCards.EMONEY_CARD);
        assertThatThrownBy(() -> Personalisation.personalise(card, DemoCards.PHONE_PURSE, ISSUER))
                .hasMessageContaining("PUT DATA 01 refused by the card: 6985");
    }

    @Test
    void initialBalanceAboveTheMaximumIsRefusedAtActivation() {
        SimulatedCard purse = SimulatedCardFactory.blank(FormFactor.PURSE_CARD, (byte) 3, appletCode());
        send(purse, "00 A4 04 00 08 F0564B494F534B02 00");
        send(purse, "80 DA 00 01 08 9999010000000017");
        send(purse, "80 DA 00 02 02 0392");
        send(purse, "80 DA 00 03 04 00000064");
        send(purse, "80 DA 00 04 04 00000065");
        send(purse, "80 DA 00 05 10 00000000000000000000000000000000");
        send(purse, "80 DA 00 06 10 00000000000000000000000000000000");
        assertThat(swHex(send(purse, "80 44 00 00"))).isEqualTo("6A80");
        assertThat(swHex(send(purse, "80 DA 00 04 04 00000064"))).isEqualTo("9000");
        assertThat(swHex(send(purse, "80 44 00 00"))).isEqualTo("9000");
    }

    @Test
    void pinTryLimitComesFromTheInstallParameters() throws Exception {
        CreditCardProfile fiveTries = new CreditCardProfile(DemoCards.CREDIT_CARD.cardNumber(), "TARO YAMADA",
                DemoCards.CREDIT_CARD.expiry(), "123456", 5);
        SimulatedCard card = factory().creditCard(fiveTries);
        CreditCardApplication credit = new CreditCardApplication(card);
        credit.select();
        assertThat(credit.pinTriesRemaining()).isEqualTo(5);
        assertThat(swHex(send(card, "00 20 00 80 04 31323334"))).as("the 4-digit prefix is not the PIN").isEqualTo("63C4");
        credit.verifyPin("123456".toCharArray());
    }

    @Test
    void installRefusesATryLimitOutsideOneToFifteen() {
        assertThatThrownBy(() -> SimulatedCardFactory.blank(FormFactor.CONTACT_CREDIT_CARD, (byte) 0, appletCode()))
                .hasMessageContaining("installing");
        assertThatThrownBy(() -> SimulatedCardFactory.blank(FormFactor.CONTACT_CREDIT_CARD, (byte) 16, appletCode()))
                .hasMessageContaining("installing");
    }

    @Test
    void profilesRefuseWhatTheCardWouldRefuse() {
        assertThatThrownBy(() -> new PurseProfile(DemoCards.EMONEY_CARD.cardNumber(), DemoCards.YEN, 100, 101))
                .hasMessageContaining("initial balance");
        assertThatThrownBy(() -> new CreditCardProfile(DemoCards.CREDIT_CARD.cardNumber(), "TARO", DemoCards.CREDIT_CARD.expiry(), "12a4", 3))
                .hasMessageContaining("digits");
        assertThat(DemoCards.CREDIT_CARD.toString()).doesNotContain(DemoCards.PIN).doesNotContain("4999990000000013");
    }
}

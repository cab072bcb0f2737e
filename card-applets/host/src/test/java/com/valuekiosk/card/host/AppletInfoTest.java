package com.valuekiosk.card.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/** The SELECT answers of APDU.md 3.1, 5.1 and 6.1, and the odd ones a terminal must refuse clearly. */
class AppletInfoTest {

    /** Card number 4999 9900 0000 0013, expiry 3012, ATC 5, 3 tries, "TARO". */
    private static final String CREDIT_DATA = "4999990000000013" + "3012" + "0005" + "03" + "04" + "5441524F";
    /** Card number 4999 9900 0000 0021, JPY, balance 1000, maximum 50000, sequences 2 and 1, 3 log records. */
    private static final String PURSE_DATA = "4999990000000021" + "0392" + "000003E8" + "0000C350" + "0002" + "0001" + "03";

    @Test
    void anOperationalCreditCardAnswersItsDataAndWhetherAPurseSharesTheChip() {
        AppletInfo info = AppletInfo.parse(Bytes.fromHex("010202" + "01" + CREDIT_DATA));
        assertThat(info.operational()).isTrue();
        assertThat(info.purseOnCard()).contains(true);
        assertThat(info.creditCard()).contains(new CreditCardData(CardNumber.of("4999990000000013"), YearMonth.of(2030, 12),
                5, 3, "TARO"));
        assertThat(AppletInfo.parse(Bytes.fromHex("010202" + "00" + CREDIT_DATA)).purseOnCard()).contains(false);
    }

    @Test
    void anOperationalPurseAnswersItsData() {
        AppletInfo info = AppletInfo.parse(Bytes.fromHex("020202" + PURSE_DATA));
        PurseData purse = info.purse().orElseThrow();
        assertThat(purse.balance()).isEqualTo(1_000);
        assertThat(purse.creditSequence()).isEqualTo(2);
        assertThat(purse.logCount()).isEqualTo(3);
        assertThat(info.purseOnCard()).isEmpty();
    }

    @Test
    void personalisationAndVersionOneAnswersCarryNoData() {
        assertThat(AppletInfo.parse(Bytes.fromHex("010201"))).isEqualTo(new AppletInfo(AppletInfo.Kind.CREDIT_CARD, 2, false));
        AppletInfo older = AppletInfo.parse(Bytes.fromHex("020102"));
        assertThat(older.operational()).isTrue();
        assertThat(older.purse()).isEmpty();
    }

    @Test
    void shortOrOddAnswersAreMalformed() {
        assertThatThrownBy(() -> AppletInfo.parse(Bytes.fromHex("0102"))).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("at least 3");
        assertThatThrownBy(() -> AppletInfo.parse(Bytes.fromHex("010202"))).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("no flags and no card data");
        assertThatThrownBy(() -> AppletInfo.parse(Bytes.fromHex("01020200"))).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("no card data");
        assertThatThrownBy(() -> AppletInfo.parse(Bytes.fromHex("010202" + "00" + CREDIT_DATA.substring(0, 20))))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("does not match its layout");
        assertThatThrownBy(() -> AppletInfo.parse(Bytes.fromHex("010202" + "80" + CREDIT_DATA)))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("unknown flags 80");
        assertThatThrownBy(() -> AppletInfo.parse(Bytes.fromHex("020202" + PURSE_DATA + "00")))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("expected 23");
        assertThatThrownBy(() -> AppletInfo.parse(Bytes.fromHex("020201" + PURSE_DATA)))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("in personalisation");
        assertThatThrownBy(() -> AppletInfo.parse(Bytes.fromHex("030202"))).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("unknown applet kind");
    }

    @Test
    void itsTextShowsNeitherNameNorNumber() {
        String text = AppletInfo.parse(Bytes.fromHex("010202" + "01" + CREDIT_DATA)).toString();
        assertThat(text).doesNotContain("TARO", "4999", "0013").contains("with card data", "purse on the card");
    }
}

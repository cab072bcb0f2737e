package com.valuekiosk.kiosk.ui.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.kiosk.flow.Receipt;
import com.valuekiosk.kiosk.ui.Messages;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReceiptTextTest {

    static final Receipt RECEIPT = new Receipt(UUID.fromString("0b5e7c1a-2f3d-4e5f-8a9b-0c1d2e3f4a5b"), "KIOSK001",
            Instant.parse("2026-11-24T04:10:00Z"), "**** **** **** 0013", "**** **** **** 0017", 2_000,
            Currency.getInstance("JPY"));
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Test
    void theEnglishReceiptHasEnglishWordsTheYenSignOfTheScreensAndTheSiteTime() {
        assertThat(ReceiptText.format(RECEIPT, Messages.ENGLISH, TOKYO)).isEqualTo("""
                ValueKiosk - VALUE purchase
                Date          2026-11-24 13:10
                Terminal      KIOSK001
                Credit card   **** **** **** 0013
                E-money card  **** **** **** 0017
                Charged       ¥2,000
                Purchase no.  0B5E-7C1A
                """);
    }

    @Test
    void theJapaneseReceiptHasJapaneseWordsAlignedByDisplayWidthAndTheSameYenSign() {
        String text = ReceiptText.format(RECEIPT, Messages.JAPANESE, TOKYO);
        assertThat(text).isEqualTo("""
                ValueKiosk VALUEご購入明細
                日時              2026年11月24日 13:10
                端末              KIOSK001
                クレジットカード  **** **** **** 0013
                電子マネーカード  **** **** **** 0017
                ご請求額          ¥2,000
                購入番号          0B5E-7C1A
                """);
        assertThat(text).as("not the JDK's full-width yen sign").doesNotContain("\uFFE5");
    }

    @Test
    void theTimeIsTheSitesZone() {
        assertThat(ReceiptText.format(RECEIPT, Messages.ENGLISH, ZoneId.of("UTC"))).contains("2026-11-24 04:10");
    }

    @Test
    void displayWidthCountsJapaneseAsTwoColumns() {
        assertThat(ReceiptText.displayWidth("Date")).isEqualTo(4);
        assertThat(ReceiptText.displayWidth("電子マネーカード")).isEqualTo(16);
        assertThat(ReceiptText.displayWidth("¥2,000")).isEqualTo(6);
    }
}

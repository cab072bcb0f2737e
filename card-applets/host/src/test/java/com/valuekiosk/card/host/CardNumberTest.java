package com.valuekiosk.card.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CardNumberTest {

    @Test
    void toStringShowsOnlyTheLastFourDigits() {
        CardNumber card = CardNumber.of("4999 9900 0000 0013");
        assertThat(card.toString()).isEqualTo("**** **** **** 0013").doesNotContain("49999900");
        assertThat(String.valueOf(new PurchaseRequest(1, DemoCards.YEN, card, new TerminalId("KIOSK001"))))
                .doesNotContain("4999990000000013");
        assertThat(card.digits()).isEqualTo("4999990000000013");
    }

    @Test
    void bcdRoundTrips() {
        CardNumber card = CardNumber.of("9999010000000017");
        assertThat(Bytes.hex(card.toBcd())).isEqualTo("9999010000000017");
        assertThat(CardNumber.fromBcd(card.toBcd(), 0)).isEqualTo(card);
    }

    @Test
    void aWrongNumberIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> CardNumber.of("499999000000001")).hasMessage("a card number has 16 digits");
        assertThatThrownBy(() -> CardNumber.of("49999900000000X3")).hasMessage("a card number has 16 digits");
        assertThatThrownBy(() -> CardNumber.of(null)).hasMessage("a card number has 16 digits");
    }

    @Test
    void maskAllMasksCardNumbersInFreeText() {
        assertThat(CardNumber.maskAll("card 4999990000000013 and 4999-9900-0000-0021, amount 2000"))
                .isEqualTo("card **** **** **** 0013 and **** **** **** 0021, amount 2000");
    }

    @Test
    void bcdFromACardThatIsNotBcdIsAMalformedResponse() {
        assertThatThrownBy(() -> CardNumber.fromBcd(Bytes.fromHex("49999900000000A3"), 0))
                .isInstanceOf(MalformedResponseException.class);
    }
}

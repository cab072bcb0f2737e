package com.valuekiosk.card.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CardResponseTest {

    @Test
    void refusalNamesTheCommandAndTheStatusInWords() {
        CardResponse response = CardResponse.parse(Bytes.fromHex("6983"));
        assertThatThrownBy(() -> response.requireSuccess("VERIFY", 0))
                .isInstanceOfSatisfying(CardStatusException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("VERIFY refused by the card: 6983 (PIN blocked)");
                    assertThat(e.pinTriesRemaining()).isZero();
                });
    }

    @Test
    void successWithTheWrongLengthIsMalformed() {
        assertThatThrownBy(() -> CardResponse.parse(Bytes.fromHex("01029000")).requireSuccess("GET DATA", 23))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessage("GET DATA answered 2 bytes, expected 23");
    }

    @Test
    void aResponseShorterThanAStatusWordIsRefused() {
        assertThatThrownBy(() -> CardResponse.parse(new byte[1])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyStatusWordOfTheProtocolHasWords() {
        for (int sw : new int[] {0x6700, 0x6982, 0x6983, 0x6985, 0x6988, 0x6A80, 0x6A82, 0x6A83, 0x6A86, 0x6A88,
                0x6D00, 0x6E00, 0x6F00, 0x9101, 0x9102, 0x9103, 0x9104}) {
            assertThat(StatusWords.describe(sw)).as("%04X", sw).isNotEqualTo("unknown status");
        }
        assertThat(StatusWords.describe(0x63C1)).isEqualTo("wrong PIN, 1 try left");
    }
}

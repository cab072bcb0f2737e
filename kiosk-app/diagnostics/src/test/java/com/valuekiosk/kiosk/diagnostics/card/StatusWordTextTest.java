package com.valuekiosk.kiosk.diagnostics.card;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusWordTextTest {

    @Test
    void oursComeFirstInTheWordsOfOurApplets() {
        assertThat(StatusWordText.describe(0x9000)).isEqualTo("success");
        assertThat(StatusWordText.describe(0x63C2)).isEqualTo("wrong PIN, 2 tries left");
        assertThat(StatusWordText.describe(0x6983)).isEqualTo("PIN blocked");
        assertThat(StatusWordText.describe(0x6A82)).isEqualTo("application not found");
        assertThat(StatusWordText.describe(0x9103)).isEqualTo("insufficient balance");
    }

    @Test
    void interindustryOnesAndProceduresAreNamedToo() {
        assertThat(StatusWordText.describe(0x6B00)).isEqualTo("wrong parameters P1-P2");
        assertThat(StatusWordText.describe(0x6400)).contains("PIN pad: entry timed out");
        assertThat(StatusWordText.describe(0x610A)).isEqualTo("10 more bytes available (GET RESPONSE)");
        assertThat(StatusWordText.describe(0x6C10)).isEqualTo("wrong Le: the card has 16 bytes");
        assertThat(StatusWordText.describe(0x6F12)).isEqualTo("unknown status 6F12");
    }
}

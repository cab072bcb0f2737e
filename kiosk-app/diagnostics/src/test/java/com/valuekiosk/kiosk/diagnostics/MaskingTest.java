package com.valuekiosk.kiosk.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void cardNumbersInTextAndInHexKeepTheirLastFour() {
        assertThat(Masking.text("card 4999 9900 0000 0013 refused")).isEqualTo("card **** **** **** 0013 refused");
        assertThat(Masking.text("card 4999990000000013")).isEqualTo("card **** **** **** 0013");
        assertThat(Masking.text("< 4999990000000013123012 9000")).isEqualTo("< ******************3012 9000");
        assertThat(Masking.text("00A40400 08 F0564B494F534B01")).isEqualTo("00A40400 08 F0564B494F534B01");
    }

    @Test
    void resultsAndFindingsMaskWhatTheyAreGiven() {
        CheckResult result = new CheckResult(Check.APDU, "reader", Verdict.FAIL, "failed for 4999990000000013",
                Instant.EPOCH, Duration.ZERO, List.of(Finding.info("number", "9999 0100 0000 0017")), List.of());

        assertThat(result.message()).isEqualTo("failed for **** **** **** 0013");
        assertThat(result.findings().get(0).value()).isEqualTo("**** **** **** 0017");
    }
}

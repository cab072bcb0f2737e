package com.valuekiosk.kiosk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The process's age from the kernel's counts, not from the whole-second boot time (issue #16). */
class ProcessAgeTest {

    /** A stat line as Linux writes it (52 fields); field 22, the start, is 12345 ticks after boot. */
    private static String stat(String command) {
        StringBuilder line = new StringBuilder("4242 (" + command + ") S 1 4242 4242 0 -1 4194560 100 0 0 0 5 2 0 0 20 0 9 0 ");
        line.append("12345");
        for (int field = 23; field <= 52; field++) {
            line.append(' ').append(field);
        }
        return line.append('\n').toString();
    }

    @Test
    void theAgeIsTheTimeSinceBootLessTheStartInTicks() {
        assertThat(ProcessAge.fromProc(stat("java"), "125.50 240.00\n")).isEqualTo(Duration.ofMillis(2_050));
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        assertThat(ProcessAge.fromProc(stat("kiosk (x) y"), "130.00 1.00")).isEqualTo(Duration.ofMillis(6_550));
    }

    @Test
    void aStartAfterNowIsRefused() {
        assertThatThrownBy(() -> ProcessAge.fromProc(stat("java"), "100.00 1.00")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thisProcessHasAnAgeThatGrows() throws Exception {
        Duration first = ProcessAge.now().orElseThrow();
        Duration second = ProcessAge.now().orElseThrow();
        assertThat(first).isPositive();
        assertThat(second).isGreaterThanOrEqualTo(first);
    }
}

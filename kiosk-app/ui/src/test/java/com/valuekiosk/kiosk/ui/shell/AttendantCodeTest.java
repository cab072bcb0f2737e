package com.valuekiosk.kiosk.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.valuekiosk.server.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AttendantCodeTest {

    /** One hash for the whole class: Argon2id with 19 MiB is slow on purpose. */
    private static final String STORED = AttendantCode.hash("246810".toCharArray());

    /**
     * Hashes made by the kiosk's own Argon2id code (Bouncy Castle) before it used a library, as sites hold them
     * in their configuration ({@code attendant.code.hash}): they must keep matching. Their salts and hashes use
     * the whole base64 alphabet, "+" and "/" among it, and bytes that are no UTF-8.
     */
    private static final String MADE_FOR_24681357 =
            "$argon2id$v=19$m=19456,t=2,p=1$nlhKxzc/ZcY7DFUhYR3EVw$QYPyxlZo0oiCnKbrAUMl8FKmu34nQlTCQiA3DTzOiDg";
    private static final String MADE_FOR_9753 =
            "$argon2id$v=19$m=19456,t=2,p=1$9WibtDHZdN3gSvnmV+UPGQ$gquK9YogW3cFN3/nnTF4/PUGT9tW712404A0T9x6tm0";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T09:00:00Z"));
    private final AttendantCode code = new AttendantCode(STORED, clock);

    @Test
    void theCodeIsStoredAsASaltedArgon2idHashInPhcForm() {
        assertThat(STORED).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}")
                .doesNotContain("246810");
        assertThat(AttendantCode.hash("246810".toCharArray())).as("a fresh salt each time").isNotEqualTo(STORED);
    }

    @Test
    void theRightCodeMatchesAWrongOneDoesNotAndBothAreWiped() {
        char[] wrong = "135790".toCharArray();
        assertThat(code.matches(wrong)).isFalse();
        assertThat(wrong).containsOnly('\0');

        char[] right = "246810".toCharArray();
        assertThat(code.matches(right)).isTrue();
        assertThat(right).containsOnly('\0');
        assertThat(code.matches("2468100".toCharArray())).as("one digit more").isFalse();
    }

    @Test
    void hashesInSitesConfigurationsStillMatch() {
        AttendantCode site = new AttendantCode(MADE_FOR_24681357, clock);
        assertThat(site.matches("24681357".toCharArray())).isTrue();
        assertThat(site.matches("24681358".toCharArray())).isFalse();
        AttendantCode other = new AttendantCode(MADE_FOR_9753, clock);
        assertThat(other.matches("9753".toCharArray())).isTrue();
        assertThat(other.matches("24681357".toCharArray())).isFalse();
    }

    @Test
    void hashingWipesTheCodeItWasGiven() {
        char[] typed = "1111".toCharArray();
        AttendantCode.hash(typed);
        assertThat(typed).containsOnly('\0');
    }

    @Test
    void fiveWrongCodesLockEvenTheRightOneOutForTheLockTime() {
        for (int i = 0; i < AttendantCode.ATTEMPTS_BEFORE_LOCK - 1; i++) {
            assertThat(code.matches("0000".toCharArray())).isFalse();
        }
        assertThat(code.isLocked()).as("four wrong codes").isFalse();
        assertThat(code.matches("0000".toCharArray())).isFalse();
        assertThat(code.isLocked()).isTrue();

        char[] right = "246810".toCharArray();
        assertThat(code.matches(right)).as("locked: not even checked").isFalse();
        assertThat(right).containsOnly('\0');

        clock.advance(AttendantCode.LOCK.minus(Duration.ofSeconds(1)));
        assertThat(code.matches("246810".toCharArray())).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(code.isLocked()).isFalse();
        assertThat(code.matches("246810".toCharArray())).isTrue();
    }

    @Test
    void aRightCodeStartsTheCountOfWrongOnesAgain() {
        for (int i = 0; i < AttendantCode.ATTEMPTS_BEFORE_LOCK - 1; i++) {
            code.matches("0000".toCharArray());
        }
        assertThat(code.matches("246810".toCharArray())).isTrue();
        code.matches("0000".toCharArray());
        assertThat(code.isLocked()).isFalse();
    }

    @Test
    void somethingThatIsNotAnArgon2idHashIsRefusedAtOnce() {
        for (String bad : new String[] {"246810", "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA",
                "$argon2id$v=19$m=19456,t=2$%%%$abc", "$argon2id$v=19$m=1,t=1,p=1$c2FsdHNhbHQ$c2FsdHNhbHRzYWx0c2FsdA"}) {
            assertThatThrownBy(() -> new AttendantCode(bad, clock)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}

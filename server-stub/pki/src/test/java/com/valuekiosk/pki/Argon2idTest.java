package com.valuekiosk.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The PHC strings are the contract: hashes written by other Argon2id implementations keep matching. */
class Argon2idTest {

    /** Made by Password4j 1.8.4 (the servers' and the kiosk's hashing until this class), salt "ValueKioskSalt16". */
    private static final String BY_PASSWORD4J =
            "$argon2id$v=19$m=19456,t=2,p=1$VmFsdWVLaW9za1NhbHQxNg$O8BS0OG5/8FROYrojvhqgW0NK2bK7txCsxhdvE3yi6I";
    /** The same library with small odd parameters: 64 KiB, 3 passes, 2 lanes, an 8-byte salt, a 16-byte hash. */
    private static final String SMALL_TWO_LANES = "$argon2id$v=19$m=64,t=3,p=2$c2FsdHNhbHQ$z0wavXcHu/yozMRcL/iLHQ";

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void hashesMadeByAnotherImplementationMatchTheirSecretOnly() {
        assertThat(Argon2id.matches(utf8("correct horse 4321"), BY_PASSWORD4J)).isTrue();
        assertThat(Argon2id.matches(utf8("correct horse 4322"), BY_PASSWORD4J)).isFalse();
        assertThat(Argon2id.matches(utf8("2468"), SMALL_TWO_LANES)).isTrue();
        assertThat(Argon2id.matches(utf8("2469"), SMALL_TWO_LANES)).isFalse();
    }

    @Test
    void newHashesCarryTheirParametersAndAFreshSaltAndMatch() {
        String first = Argon2id.hash(utf8("246810"), Argon2id.OWASP_MINIMUM);
        String second = Argon2id.hash(utf8("246810"), Argon2id.OWASP_MINIMUM);

        assertThat(first).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(first).isNotEqualTo(second);
        assertThat(Argon2id.parameters(first)).isEqualTo(Argon2id.OWASP_MINIMUM);
        assertThat(Argon2id.matches(utf8("246810"), first)).isTrue();
        assertThat(Argon2id.matches(utf8("246810"), second)).isTrue();
        assertThat(Argon2id.matches(utf8("246811"), first)).isFalse();
    }

    @Test
    void aTypedSecretIsHashedAsItsUtf8Bytes() {
        Argon2id.Parameters small = new Argon2id.Parameters(64, 1, 1, 16, 32);
        String fromBytes = Argon2id.hash(utf8("pässwörd 2468"), small);
        String fromChars = Argon2id.hash("pässwörd 2468".toCharArray(), small);

        assertThat(Argon2id.matches("pässwörd 2468".toCharArray(), fromBytes)).isTrue();
        assertThat(Argon2id.matches(utf8("pässwörd 2468"), fromChars)).isTrue();
        assertThat(Argon2id.matches("passwörd 2468".toCharArray(), fromBytes)).isFalse();
        assertThat(Argon2id.matches("correct horse 4321".toCharArray(), BY_PASSWORD4J)).isTrue();
    }

    @Test
    void parametersAreReadFromTheHash() {
        assertThat(Argon2id.parameters(SMALL_TWO_LANES)).isEqualTo(new Argon2id.Parameters(64, 3, 2, 8, 16));
    }

    @Test
    void malformedForeignOrAbsurdHashesMatchNothingAndAreNamedAsSuch() {
        String[] broken = {"", "2468", "$argon2id$v=19$m=19456,t=2,p=1$VmFsdWVLaW9za1NhbHQxNg",
            "$argon2i$v=19$m=64,t=3,p=2$c2FsdHNhbHQ$z0wavXcHu/yozMRcL/iLHQ",
            "$argon2id$v=16$m=64,t=3,p=2$c2FsdHNhbHQ$z0wavXcHu/yozMRcL/iLHQ",
            "$argon2id$v=19$t=3,m=64,p=2$c2FsdHNhbHQ$z0wavXcHu/yozMRcL/iLHQ",
            "$argon2id$v=19$m=64,t=3,p=2$***$z0wavXcHu/yozMRcL/iLHQ",
            "$argon2id$v=19$m=64,t=3,p=2$c2FsdHNhbHQ$z0wavXcHu/yozMRcL/iLHQ$",
            // A salt of 5 characters is no Base64 at all; a 4-byte salt is below RFC 9106's 8.
            "$argon2id$v=19$m=64,t=3,p=2$c2FsZ$z0wavXcHu/yozMRcL/iLHQ",
            "$argon2id$v=19$m=64,t=3,p=2$c2FsdA$z0wavXcHu/yozMRcL/iLHQ",
            // Bounds: memory below 8 KiB per lane, over 1 GiB; passes over 64; 0 lanes.
            "$argon2id$v=19$m=8,t=3,p=2$c2FsdHNhbHQ$z0wavXcHu/yozMRcL/iLHQ",
            "$argon2id$v=19$m=2000000,t=3,p=2$c2FsdHNhbHQ$z0wavXcHu/yozMRcL/iLHQ",
            "$argon2id$v=19$m=64,t=999,p=2$c2FsdHNhbHQ$z0wavXcHu/yozMRcL/iLHQ",
            "$argon2id$v=19$m=64,t=3,p=0$c2FsdHNhbHQ$z0wavXcHu/yozMRcL/iLHQ"};
        for (String hash : broken) {
            assertThat(Argon2id.matches(utf8("2468"), hash)).as(hash).isFalse();
            assertThatThrownBy(() -> Argon2id.parameters(hash)).as(hash).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Argon2id.matches(utf8("2468"), null)).isFalse();
    }

    @Test
    void parametersBelowTheRfcMinimumsAreRefused() {
        assertThatThrownBy(() -> new Argon2id.Parameters(7, 1, 1, 16, 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2id.Parameters(64, 0, 1, 16, 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2id.Parameters(64, 1, 1, 4, 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2id.Parameters(64, 1, 1, 16, 8)).isInstanceOf(IllegalArgumentException.class);
    }
}

package com.valuekiosk.server.emoney.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Passwords hashed once stay verifiable: the stored PHC strings are the contract, not the code that wrote them. */
class PasswordHasherTest {

    /** "2468" (the demo phone's password), hashed by the first, hand-written Argon2id implementation. */
    static final String STORED_DEMO_PASSWORD =
            "$argon2id$v=19$m=19456,t=2,p=1$lhBSCiqeWcQxXQ1im15Kjw$tU4pGssQ0bkMhWpRzKYt2MSxvLIhh3XaqR+lwt74LOA";
    /** A password outside ASCII, hashed by the same implementation: UTF-8 bytes are what is hashed. */
    static final String STORED_UNICODE_PASSWORD =
            "$argon2id$v=19$m=19456,t=2,p=1$w6BRqp8xR1jojxeOawbb0g$JsKytUisguwWjAdzP2tZKDkMRSkAoSwcpmW3fP5jIVA";

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashesStoredByTheEarlierImplementationStillVerify() {
        assertThat(hasher.matches("2468".toCharArray(), STORED_DEMO_PASSWORD)).isTrue();
        assertThat(hasher.matches("pässwörd ünïcode".toCharArray(), STORED_UNICODE_PASSWORD)).isTrue();
    }

    @Test
    void aWrongPasswordDoesNotMatchAStoredHash() {
        assertThat(hasher.matches("2469".toCharArray(), STORED_DEMO_PASSWORD)).isFalse();
        assertThat(hasher.matches("".toCharArray(), STORED_DEMO_PASSWORD)).isFalse();
        assertThat(hasher.matches("passwörd ünïcode".toCharArray(), STORED_UNICODE_PASSWORD)).isFalse();
    }

    @Test
    void newHashesAreArgon2idPhcStringsWithTheOwaspParametersAndAFreshSalt() {
        String first = hasher.hash("2468".toCharArray());
        String second = hasher.hash("2468".toCharArray());

        assertThat(first).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(first.split("\\$")).hasSize(6);
        assertThat(first).isNotEqualTo(second);
        assertThat(hasher.matches("2468".toCharArray(), first)).isTrue();
        assertThat(hasher.matches("2468".toCharArray(), second)).isTrue();
        assertThat(hasher.matches("2467".toCharArray(), first)).isFalse();
    }

    @Test
    void aMalformedOrForeignHashMatchesNothing() {
        for (String broken : new String[] {"", "2468", "$argon2id$v=19$m=19456,t=2,p=1$lhBSCiqeWcQxXQ1im15Kjw",
            "$argon2i$v=19$m=19456,t=2,p=1$lhBSCiqeWcQxXQ1im15Kjw$tU4pGssQ0bkMhWpRzKYt2MSxvLIhh3XaqR+lwt74LOA",
            "$argon2id$v=19$m=19456,t=2,x=1$lhBSCiqeWcQxXQ1im15Kjw$tU4pGssQ0bkMhWpRzKYt2MSxvLIhh3XaqR+lwt74LOA",
            "$argon2id$v=19$m=19456,t=2,p=1$***$tU4pGssQ0bkMhWpRzKYt2MSxvLIhh3XaqR+lwt74LOA"}) {
            assertThat(hasher.matches("2468".toCharArray(), broken)).as(broken).isFalse();
        }
    }
}

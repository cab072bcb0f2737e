package com.valuekiosk.server.emoney.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.Bytes;
import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.wire.CardChallenge;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Challenges without rows: good for their card and epoch, for at most five minutes. */
class CardChallengesTest {

    private static final String CARD = "9999000000000017";
    private static final String OTHER_CARD = "9999000000000025";
    private static final Instant ISSUED = Instant.parse("2026-12-07T10:00:03Z");

    private final CardChallenges challenges = new CardChallenges(IssuerMasterKeys.demo());

    @Test
    void aChallengeIsGoodForItsCardAndEpochUntilItExpires() {
        CardChallenge challenge = challenges.issue(CARD, 7, ISSUED);

        assertThat(challenge.maskedCardNumber()).isEqualTo("**** **** **** 0017");
        assertThat(challenge.expiresAt()).as("five minutes from the start of its 4-second tick")
                .isEqualTo(Instant.parse("2026-12-07T10:05:00Z"));
        assertThat(challenges.isValid(CARD, 7, challenge.challenge(), ISSUED)).isTrue();
        assertThat(challenges.isValid(CARD, 7, challenge.challenge(), challenge.expiresAt().minusNanos(1))).isTrue();
        assertThat(challenges.isValid(CARD, 7, challenge.challenge(), challenge.expiresAt())).as("expired").isFalse();
        assertThat(challenges.isValid(CARD, 8, challenge.challenge(), ISSUED)).as("the next epoch").isFalse();
        assertThat(challenges.isValid(OTHER_CARD, 7, challenge.challenge(), ISSUED)).as("another card").isFalse();
    }

    @Test
    void noBitOfAChallengeCanChange() {
        byte[] genuine = Bytes.fromHex(challenges.issue(CARD, 0, ISSUED).challenge());
        for (int bit = 0; bit < genuine.length * 8; bit++) {
            byte[] changed = genuine.clone();
            changed[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(challenges.isValid(CARD, 0, Bytes.hex(changed), ISSUED)).as("bit %d", bit).isFalse();
        }
    }

    @Test
    void aChallengeOlderThanItsTickByteTellsApartIsRefusedNotTakenForNew() {
        String challenge = challenges.issue(CARD, 0, ISSUED).challenge();
        // 1,024 seconds later the tick's low byte is the same again: the MAC over the whole tick refuses it.
        assertThat(challenges.isValid(CARD, 0, challenge, ISSUED.plusSeconds(1_024))).isFalse();
        assertThat(challenges.isValid(CARD, 0, challenge, ISSUED.plus(Duration.ofHours(3)).plusSeconds(4 * 256))).isFalse();
    }

    @Test
    void aClockBehindTheIssuingOneRefusesRatherThanStretchesTheLife() {
        String challenge = challenges.issue(CARD, 0, ISSUED).challenge();
        assertThat(challenges.isValid(CARD, 0, challenge, ISSUED.minusSeconds(8))).isFalse();
    }

    @Test
    void anotherInstanceWithTheSameIssuerKeysTakesTheChallenge() {
        String challenge = challenges.issue(CARD, 3, ISSUED).challenge();
        CardChallenges restarted = new CardChallenges(IssuerMasterKeys.demo());
        assertThat(restarted.isValid(CARD, 3, challenge, ISSUED.plusSeconds(60))).isTrue();

        CardChallenges otherIssuer = new CardChallenges(IssuerMasterKeys.of(new byte[16], new byte[16], new byte[16]));
        assertThat(otherIssuer.isValid(CARD, 3, challenge, ISSUED.plusSeconds(60))).isFalse();
    }

    @Test
    void aChallengeOfAnotherLengthIsRefused() {
        assertThat(challenges.isValid(CARD, 0, "00", ISSUED)).isFalse();
    }
}

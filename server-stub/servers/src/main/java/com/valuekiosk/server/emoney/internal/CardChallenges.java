package com.valuekiosk.server.emoney.internal;

import com.valuekiosk.card.host.Bytes;
import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.card.host.KeyUsage;
import com.valuekiosk.wire.CardChallenge;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Challenges for the card's PROVE STATE that the server keeps no row for. A challenge is the 8
 * bytes the card takes (APDU.md §6.8): the low byte of the tick it was issued in (4 seconds), then
 * the first 7 bytes of an HMAC-SHA256 over the card number, the card's challenge epoch and the
 * whole tick, under a key derived from the purse credit master key.
 *
 * <p>The epoch is a counter on the card's user row. Every proof used and every change to the
 * card's charges moves it on, so a challenge is good for one proof, and none issued before a
 * change to the card's charges is good after it: what a row per challenge, deleted on use and on
 * each change, gave before, without the row's insert and delete on every charge-up.
 */
final class CardChallenges {

    /** How long a challenge may wait for the card's proof, at most (a tick less at least). */
    static final Duration VALIDITY = Duration.ofMinutes(5);
    private static final long TICK_SECONDS = 4;
    /** The ticks a challenge's one byte tells apart: 1,024 seconds, more than {@link #VALIDITY}. */
    private static final int TICKS_TOLD_APART = 256;
    private static final int TAG_LENGTH = 7;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    /* Mac.getInstance searches the providers on every call, and a Mac is not thread-safe: one per thread. */
    private final ThreadLocal<Mac> macs;

    CardChallenges(IssuerMasterKeys issuer) {
        this.key = new SecretKeySpec(issuer.serverKey(KeyUsage.PURSE_CREDIT, "ValueKiosk e-money server: card challenges"),
                ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The challenge for {@code card} at {@code epoch} now, and when it expires. */
    CardChallenge issue(String card, long epoch, Instant now) {
        long tick = tickOf(now);
        return new CardChallenge(CardNumber.of(card).masked(), Bytes.hex(challenge(card, epoch, tick)), expiry(tick));
    }

    /**
     * True when {@code challenge} (16 hex digits) was issued for {@code card} at {@code epoch} and
     * has not expired at {@code now}.
     */
    boolean isValid(String card, long epoch, String challenge, Instant now) {
        byte[] received = Bytes.fromHex(challenge);
        if (received.length != 1 + TAG_LENGTH) {
            return false;
        }
        // The newest tick at or before now with the challenge's low byte; an older one fails the MAC.
        long nowTick = tickOf(now);
        long tick = nowTick - Math.floorMod(nowTick - (received[0] & 0xFF), TICKS_TOLD_APART);
        return now.isBefore(expiry(tick)) && MessageDigest.isEqual(challenge(card, epoch, tick), received);
    }

    private byte[] challenge(String card, long epoch, long tick) {
        Mac mac = macs.get();
        mac.update(CardNumber.of(card).toBcd());
        byte[] tag = mac.doFinal(ByteBuffer.allocate(2 * Long.BYTES).putLong(epoch).putLong(tick).array());
        byte[] challenge = new byte[1 + TAG_LENGTH];
        challenge[0] = (byte) tick;
        System.arraycopy(tag, 0, challenge, 1, TAG_LENGTH);
        return challenge;
    }

    private static long tickOf(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), TICK_SECONDS);
    }

    private static Instant expiry(long tick) {
        return Instant.ofEpochSecond(tick * TICK_SECONDS).plus(VALIDITY);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM, e);
        }
    }
}

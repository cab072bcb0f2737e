package com.valuekiosk.card.host;

import com.valuekiosk.card.host.internal.ByteArrays;
import com.valuekiosk.card.host.internal.PurseMessages;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * The purse's answer to PROVE STATE: what GET DATA answers, and a MAC under the purse credit key over
 * {@code 13 || card number || balance || credit sequence || challenge}. The challenge is the e-money
 * server's, fresh and single-use, so the server can tell the card's state now from a terminal's
 * claim about it (APDU.md §6.8). The terminal can read the state but cannot make the MAC.
 */
public record PurseStateProof(PurseData data, byte[] challenge, byte[] mac) {

    public PurseStateProof {
        Objects.requireNonNull(data, "data");
        challenge = requireChallenge(challenge);
        mac = PurseMessages.requireMac(mac);
    }

    /** The card's answer to PROVE STATE with {@code challenge}. */
    public static PurseStateProof parse(byte[] answer, byte[] challenge) {
        if (answer.length != CardProtocol.PROVE_STATE_RESPONSE_LENGTH) {
            throw new MalformedResponseException("state proof of " + answer.length + " bytes, expected "
                    + CardProtocol.PROVE_STATE_RESPONSE_LENGTH);
        }
        PurseData data = PurseData.parse(Arrays.copyOf(answer, CardProtocol.PURSE_DATA_LENGTH));
        return new PurseStateProof(data, challenge, Arrays.copyOfRange(answer, CardProtocol.PURSE_DATA_LENGTH, answer.length));
    }

    /** The MACed message: type 1, card number 8, balance 4, credit sequence 2, challenge 8 (23 bytes, padded 32). */
    public static byte[] message(CardNumber card, long balance, int creditSequence, byte[] challenge) {
        PurseMessages.requireSequence(creditSequence);
        return ByteArrays.concat(new byte[] {CardProtocol.MAC_TYPE_STATE_PROOF}, card.toBcd(), Bytes.amount(balance),
                Bytes.counter(creditSequence), requireChallenge(challenge));
    }

    /**
     * Server side: true when {@code mac} is the card's MAC, under {@code creditKey}, of this card
     * number, balance, credit sequence and challenge. Constant time.
     */
    public static boolean verify(byte[] creditKey, CardNumber card, long balance, int creditSequence, byte[] challenge,
                                 byte[] mac) {
        if (balance < 0 || balance > Bytes.MAX_AMOUNT || creditSequence < 0 || creditSequence > 0xFFFF
                || challenge == null || challenge.length != CardProtocol.CHALLENGE_LENGTH) {
            return false;
        }
        return CardKeys.macMatches(creditKey, message(card, balance, creditSequence, challenge), mac);
    }

    /** Test and issuer side: the MAC a card with {@code creditKey} answers. */
    public static byte[] sign(byte[] creditKey, CardNumber card, long balance, int creditSequence, byte[] challenge) {
        return CardKeys.mac(creditKey, message(card, balance, creditSequence, challenge));
    }

    private static byte[] requireChallenge(byte[] challenge) {
        if (challenge == null || challenge.length != CardProtocol.CHALLENGE_LENGTH) {
            throw new IllegalArgumentException("a challenge is " + CardProtocol.CHALLENGE_LENGTH + " bytes");
        }
        return challenge.clone();
    }

    @Override
    public byte[] challenge() {
        return challenge.clone();
    }

    @Override
    public byte[] mac() {
        return mac.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PurseStateProof that && data.equals(that.data) && MessageDigest.isEqual(challenge, that.challenge)
                && MessageDigest.isEqual(mac, that.mac);
    }

    @Override
    public int hashCode() {
        return data.hashCode() * 31 + Arrays.hashCode(challenge) * 17 + Arrays.hashCode(mac);
    }

    @Override
    public String toString() {
        return "PurseStateProof[card=" + data.cardNumber() + ", balance=" + data.balance() + ", creditSequence="
                + data.creditSequence() + ", mac=" + Bytes.hex(mac) + "]";
    }
}

package com.valuekiosk.card.host;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.EnumMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Master keys of the issuers, one per {@link KeyUsage}. The credit company server holds the
 * purchase cryptogram key, the e-money server the purse credit and debit keys, and the card
 * personalisation uses all of them. {@link #demo()} are fixed development keys: simulated cards
 * and the servers' demo data agree on them, and no real card may ever use them.
 */
public final class IssuerMasterKeys {

    private final Map<KeyUsage, byte[]> keys;

    private IssuerMasterKeys(Map<KeyUsage, byte[]> keys) {
        this.keys = keys;
    }

    public static IssuerMasterKeys of(byte[] purchaseCryptogram, byte[] purseCredit, byte[] purseDebit) {
        Map<KeyUsage, byte[]> keys = new EnumMap<>(KeyUsage.class);
        keys.put(KeyUsage.PURCHASE_CRYPTOGRAM, checked(purchaseCryptogram));
        keys.put(KeyUsage.PURSE_CREDIT, checked(purseCredit));
        keys.put(KeyUsage.PURSE_DEBIT, checked(purseDebit));
        return new IssuerMasterKeys(keys);
    }

    /** Development keys, written in APDU.md so that anyone can check a simulated card's MACs. */
    public static IssuerMasterKeys demo() {
        return of(Bytes.fromHex("000102030405060708090A0B0C0D0E0F"),
                Bytes.fromHex("101112131415161718191A1B1C1D1E1F"),
                Bytes.fromHex("202122232425262728292A2B2C2D2E2F"));
    }

    /** The key of one card for one usage. */
    public byte[] cardKey(KeyUsage usage, CardNumber card) {
        return CardKeys.derive(keys.get(usage), usage, card);
    }

    /**
     * A key for the issuer's own servers, never a card's: HMAC-SHA256 under the master key of
     * {@code usage} over {@code purpose}. A card key is AES under a master key of a card number
     * ({@link CardKeys}), so the two cannot meet; every server instance that holds the master key
     * derives the same key.
     */
    public byte[] serverKey(KeyUsage usage, String purpose) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(keys.get(usage), "HmacSHA256"));
            return hmac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256", e);
        }
    }

    private static byte[] checked(byte[] key) {
        if (key == null || key.length != CardProtocol.KEY_LENGTH) {
            throw new IllegalArgumentException("an issuer master key is " + CardProtocol.KEY_LENGTH + " bytes");
        }
        return key.clone();
    }
}

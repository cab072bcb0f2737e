package com.valuekiosk.card.host;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Per-card key derivation and the card MAC, as APDU.md specifies them.
 * <ul>
 *   <li>card key = AES-128-ECB(master key, card number BCD (8) || usage (1) || 00 × 7)</li>
 *   <li>MAC = first 8 bytes of AES-128 CBC-MAC (zero IV) over the message padded by
 *       ISO/IEC 9797-1 method 2 (append 80, then 00 up to a multiple of 16)</li>
 * </ul>
 */
public final class CardKeys {

    private static final int BLOCK = 16;
    private static final byte[] ZERO_IV = new byte[BLOCK];

    /*
     * Cipher.getInstance searches the providers on every call, which cost a server more than the AES
     * itself (several derivations and MACs per request). A Cipher is not thread-safe: one per thread.
     */
    private static final ThreadLocal<Cipher> ECB = ThreadLocal.withInitial(() -> cipher("AES/ECB/NoPadding"));
    private static final ThreadLocal<Cipher> CBC = ThreadLocal.withInitial(() -> cipher("AES/CBC/NoPadding"));

    private CardKeys() {
    }

    static byte[] derive(byte[] masterKey, KeyUsage usage, CardNumber card) {
        requireKey(masterKey);
        byte[] input = new byte[BLOCK];
        System.arraycopy(card.toBcd(), 0, input, 0, CardProtocol.CARD_NUMBER_LENGTH);
        input[CardProtocol.CARD_NUMBER_LENGTH] = usage.code();
        return aes(masterKey, ECB.get(), input);
    }

    public static byte[] mac(byte[] key, byte[] message) {
        requireKey(key);
        int padded = (message.length / BLOCK + 1) * BLOCK;
        byte[] input = new byte[padded];
        System.arraycopy(message, 0, input, 0, message.length);
        input[message.length] = (byte) 0x80;
        // CBC with a zero IV: the last cipher block is the CBC-MAC.
        byte[] chain = aes(key, CBC.get(), input);
        byte[] mac = new byte[CardProtocol.MAC_LENGTH];
        System.arraycopy(chain, padded - BLOCK, mac, 0, mac.length);
        return mac;
    }

    /** Constant-time comparison of a received MAC with the expected one. */
    static boolean macMatches(byte[] key, byte[] message, byte[] received) {
        return received != null && MessageDigest.isEqual(mac(key, message), received);
    }

    private static void requireKey(byte[] key) {
        if (key == null || key.length != CardProtocol.KEY_LENGTH) {
            throw new IllegalArgumentException("an AES-128 key is " + CardProtocol.KEY_LENGTH + " bytes");
        }
    }

    private static byte[] aes(byte[] key, Cipher cipher, byte[] input) {
        try {
            SecretKeySpec spec = new SecretKeySpec(key, "AES");
            if (cipher.getAlgorithm().contains("/CBC/")) {
                cipher.init(Cipher.ENCRYPT_MODE, spec, new IvParameterSpec(ZERO_IV));
            } else {
                cipher.init(Cipher.ENCRYPT_MODE, spec);
            }
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES refused a " + CardProtocol.KEY_LENGTH + "-byte key", e);
        }
    }

    private static Cipher cipher(String transformation) {
        try {
            return Cipher.getInstance(transformation);
        } catch (GeneralSecurityException e) {
            // AES is mandatory in every Java runtime: this is a broken installation, not bad input.
            throw new IllegalStateException("AES unavailable", e);
        }
    }
}

package com.valuekiosk.card.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CardKeysTest {

    private static final byte[] KEY = Bytes.fromHex("2B7E151628AED2A6ABF7158809CF4F3C");
    private static final CardNumber CARD = CardNumber.of("4999990000000013");

    /** The MAC recomputed block by block with AES-ECB, as the card's ALG_AES_MAC_128_NOPAD does it. */
    private static byte[] referenceMac(byte[] key, byte[] message) throws Exception {
        byte[] padded = Arrays.copyOf(message, (message.length / 16 + 1) * 16);
        padded[message.length] = (byte) 0x80;
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        byte[] chain = new byte[16];
        for (int block = 0; block < padded.length; block += 16) {
            for (int i = 0; i < 16; i++) {
                chain[i] ^= padded[block + i];
            }
            chain = ecb.doFinal(chain);
        }
        return Arrays.copyOf(chain, 8);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 16, 23, 27, 34})
    void macIsTheTruncatedCbcMacOfTheMethod2PaddedMessage(int length) throws Exception {
        byte[] message = new byte[length];
        for (int i = 0; i < length; i++) {
            message[i] = (byte) (i * 7 + 3);
        }
        assertThat(CardKeys.mac(KEY, message)).isEqualTo(referenceMac(KEY, message));
    }

    @Test
    void aFullBlockIsPaddedWithAWholeExtraBlock() throws Exception {
        byte[] sixteen = new byte[16];
        byte[] withPaddingBlock = Arrays.copyOf(sixteen, 32);
        withPaddingBlock[16] = (byte) 0x80;
        // If 16 bytes were MACed unpadded, this equality with an explicit 2-block input would fail.
        Cipher cbc = Cipher.getInstance("AES/CBC/NoPadding");
        cbc.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new javax.crypto.spec.IvParameterSpec(new byte[16]));
        byte[] chain = cbc.doFinal(withPaddingBlock);
        assertThat(CardKeys.mac(KEY, sixteen)).isEqualTo(Arrays.copyOfRange(chain, 16, 24));
    }

    @Test
    void derivedKeyIsTheMasterKeyEncryptionOfCardNumberAndUsage() throws Exception {
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"));
        byte[] expected = ecb.doFinal(Bytes.fromHex("4999990000000013" + "02" + "00000000000000"));
        assertThat(CardKeys.derive(KEY, KeyUsage.PURSE_CREDIT, CARD)).isEqualTo(expected);
    }

    @Test
    void aServerKeyIsTheHmacOfItsPurposeUnderTheUsagesMasterKey() throws Exception {
        IssuerMasterKeys issuer = IssuerMasterKeys.demo();
        javax.crypto.Mac hmac = javax.crypto.Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(Bytes.fromHex("101112131415161718191A1B1C1D1E1F"), "HmacSHA256"));
        byte[] expected = hmac.doFinal("challenges".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(issuer.serverKey(KeyUsage.PURSE_CREDIT, "challenges")).isEqualTo(expected);
        assertThat(issuer.serverKey(KeyUsage.PURSE_CREDIT, "something else")).isNotEqualTo(expected);
        assertThat(issuer.serverKey(KeyUsage.PURSE_DEBIT, "challenges")).isNotEqualTo(expected);
    }

    @Test
    void derivedKeysDifferPerCardAndPerUsage() {
        byte[] credit = CardKeys.derive(KEY, KeyUsage.PURSE_CREDIT, CARD);
        assertThat(CardKeys.derive(KEY, KeyUsage.PURSE_DEBIT, CARD)).isNotEqualTo(credit);
        assertThat(CardKeys.derive(KEY, KeyUsage.PURSE_CREDIT, CardNumber.of("4999990000000021"))).isNotEqualTo(credit);
    }

    @Test
    void macMatchesRejectsAnyOtherMac() {
        byte[] message = Bytes.fromHex("0102030405");
        byte[] mac = CardKeys.mac(KEY, message);
        assertThat(CardKeys.macMatches(KEY, message, mac)).isTrue();
        mac[7] ^= 1;
        assertThat(CardKeys.macMatches(KEY, message, mac)).isFalse();
        assertThat(CardKeys.macMatches(KEY, message, null)).isFalse();
        assertThat(CardKeys.macMatches(KEY, message, new byte[4])).isFalse();
    }

    @Test
    void aMacWrongInAnySingleByteIsRejected() {
        byte[] message = Bytes.fromHex("1122334455");
        byte[] mac = CardKeys.mac(KEY, message);
        for (int i = 0; i < mac.length; i++) {
            byte[] forged = mac.clone();
            forged[i] ^= (byte) 0x80;
            assertThat(CardKeys.macMatches(KEY, message, forged)).as("MAC byte %d wrong", i).isFalse();
        }
        assertThat(CardKeys.macMatches(KEY, message, mac)).isTrue();
    }

    @Test
    void valuesCarryingAMacAreEqualByContent() {
        byte[] mac = Bytes.fromHex("0102030405060708");
        byte[] otherMac = Bytes.fromHex("0102030405060709");
        assertThat(new PurseReceipt(3_000, 1, mac)).isEqualTo(new PurseReceipt(3_000, 1, mac.clone()))
                .isNotEqualTo(new PurseReceipt(3_000, 1, otherMac));
        assertThat(new PurchaseAuthorization(7, mac)).isEqualTo(new PurchaseAuthorization(7, mac.clone()))
                .isNotEqualTo(new PurchaseAuthorization(7, otherMac));
        CardNumber purse = CardNumber.of("9999010000000017");
        assertThat(new AmountChange(purse, 2_000, 0, 1, mac)).isEqualTo(new AmountChange(purse, 2_000, 0, 1, mac.clone()))
                .isNotEqualTo(new AmountChange(purse, 2_000, 0, 1, otherMac));
        TerminalId store = new TerminalId("STORE042");
        assertThat(new DebitAuthorization(purse, 300, 0, store, mac))
                .isEqualTo(new DebitAuthorization(purse, 300, 0, store, mac.clone()))
                .isNotEqualTo(new DebitAuthorization(purse, 300, 0, store, otherMac));
    }

    @Test
    void keysOfTheWrongSizeAreRefused() {
        assertThatThrownBy(() -> CardKeys.mac(new byte[8], new byte[1])).hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> IssuerMasterKeys.of(new byte[16], new byte[16], new byte[15])).hasMessageContaining("16 bytes");
    }
}

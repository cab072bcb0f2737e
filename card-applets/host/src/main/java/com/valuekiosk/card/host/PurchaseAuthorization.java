package com.valuekiosk.card.host;

import com.valuekiosk.card.host.internal.ByteArrays;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The credit card's answer to AUTHORIZE PURCHASE: its application transaction counter (ATC) and
 * the cryptogram, a MAC under the card key over
 * {@code 01 || card number || amount || currency || e-money card number || terminal id || ATC || 01}
 * (the last byte: PIN verified). The credit company server recomputes it and refuses an ATC it has
 * seen before.
 */
public record PurchaseAuthorization(int atc, byte[] cryptogram) {

    public PurchaseAuthorization {
        if (atc < 1 || atc > 0xFFFF || cryptogram == null || cryptogram.length != CardProtocol.MAC_LENGTH) {
            throw new IllegalArgumentException("an authorisation is an ATC 1..65535 and an 8-byte cryptogram");
        }
        cryptogram = cryptogram.clone();
    }

    static PurchaseAuthorization parse(byte[] data) {
        if (data.length != CardProtocol.AUTHORIZE_RESPONSE_LENGTH) {
            throw new MalformedResponseException("AUTHORIZE PURCHASE answered " + data.length + " bytes");
        }
        return new PurchaseAuthorization(Bytes.readCounter(data, 0), Arrays.copyOfRange(data, 2, data.length));
    }

    /** What the card MACs; the server builds the same bytes from the request it receives. */
    public static byte[] macInput(CardNumber creditCard, PurchaseRequest request, int atc) {
        return ByteArrays.concat(new byte[] {CardProtocol.MAC_TYPE_PURCHASE_CRYPTOGRAM}, creditCard.toBcd(),
                request.commandData(), Bytes.counter(atc), new byte[] {CardProtocol.PIN_VERIFIED});
    }

    /** The cryptogram a card with {@code cardKey} answers for this request at this ATC. */
    public static PurchaseAuthorization compute(byte[] cardKey, CardNumber creditCard, PurchaseRequest request, int atc) {
        return new PurchaseAuthorization(atc, CardKeys.mac(cardKey, macInput(creditCard, request, atc)));
    }

    /** True when this cryptogram was made by the card holding {@code cardKey}, for exactly this request. */
    public boolean isAuthentic(byte[] cardKey, CardNumber creditCard, PurchaseRequest request) {
        return CardKeys.macMatches(cardKey, macInput(creditCard, request, atc), cryptogram);
    }

    @Override
    public byte[] cryptogram() {
        return cryptogram.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PurchaseAuthorization that && atc == that.atc
                && MessageDigest.isEqual(cryptogram, that.cryptogram);
    }

    @Override
    public int hashCode() {
        return 31 * atc + Arrays.hashCode(cryptogram);
    }

    @Override
    public String toString() {
        return "PurchaseAuthorization[atc=" + atc + ", cryptogram=" + Bytes.hex(cryptogram) + "]";
    }
}

package com.valuekiosk.card.host;

import com.valuekiosk.card.host.internal.Bcd;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;

/** GET DATA of the credit card: number, expiry, ATC, PIN tries left and the holder's name. */
public record CreditCardData(CardNumber cardNumber, YearMonth expiry, int atc, int pinTriesRemaining, String holderName) {

    public static CreditCardData parse(byte[] data) {
        int fixed = CardProtocol.CREDIT_DATA_FIXED_LENGTH;
        if (data.length < fixed || data.length != fixed + (data[fixed - 1] & 0xFF)) {
            throw new MalformedResponseException("credit card data of " + data.length + " bytes does not match its layout");
        }
        String yymm = Bcd.decode(data, 8, CardProtocol.EXPIRY_LENGTH);
        YearMonth expiry = YearMonth.of(2000 + Integer.parseInt(yymm.substring(0, 2)), Integer.parseInt(yymm.substring(2)));
        return new CreditCardData(CardNumber.fromBcd(data, 0), expiry, Bytes.readCounter(data, 10), data[12] & 0xFF,
                new String(data, fixed, data.length - fixed, StandardCharsets.US_ASCII));
    }

    /** "YYMM" in BCD, as personalised. */
    static byte[] expiryBcd(YearMonth expiry) {
        if (expiry.getYear() < 2000 || expiry.getYear() > 2099) {
            throw new IllegalArgumentException("expiry year must be 2000..2099");
        }
        return Bcd.encode(String.format("%02d%02d", expiry.getYear() - 2000, expiry.getMonthValue()));
    }
}

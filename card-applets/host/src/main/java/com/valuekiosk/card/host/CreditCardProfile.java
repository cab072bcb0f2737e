package com.valuekiosk.card.host;

import java.time.YearMonth;
import java.util.Objects;

/**
 * What a credit card is personalised with. The PIN is here because personalisation writes it;
 * {@link #toString()} leaves it out.
 */
public record CreditCardProfile(CardNumber cardNumber, String holderName, YearMonth expiry, String pin, int pinTryLimit) {

    public CreditCardProfile {
        Objects.requireNonNull(cardNumber, "cardNumber");
        Objects.requireNonNull(expiry, "expiry");
        if (holderName == null || holderName.isEmpty() || holderName.length() > CardProtocol.HOLDER_NAME_MAX_LENGTH
                || !holderName.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
            throw new IllegalArgumentException("holder name is 1.." + CardProtocol.HOLDER_NAME_MAX_LENGTH + " printable ASCII characters");
        }
        if (pin == null || pin.length() < CardProtocol.PIN_MIN_LENGTH || pin.length() > CardProtocol.PIN_MAX_LENGTH
                || !pin.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("a PIN is " + CardProtocol.PIN_MIN_LENGTH + ".." + CardProtocol.PIN_MAX_LENGTH + " digits");
        }
        if (pinTryLimit < 1 || pinTryLimit > CardProtocol.PIN_TRY_LIMIT_MAX) {
            throw new IllegalArgumentException("PIN try limit is 1.." + CardProtocol.PIN_TRY_LIMIT_MAX);
        }
        CreditCardData.expiryBcd(expiry);
    }

    @Override
    public String toString() {
        return "CreditCardProfile[cardNumber=" + cardNumber + ", holderName=" + holderName + ", expiry=" + expiry
                + ", pinTryLimit=" + pinTryLimit + "]";
    }
}

package com.valuekiosk.kiosk.reader;

import com.valuekiosk.card.host.CardStatusException;
import com.valuekiosk.card.host.CardTransportException;
import com.valuekiosk.card.host.CreditCardApplication;
import java.util.Arrays;
import java.util.Objects;

/**
 * The PIN typed on the kiosk screen's keypad: the host sends it to the card in VERIFY
 * ({@link CreditCardApplication#verifyPin}) and wipes it. The PIN lives only in the char array the
 * {@link PinSource} handed over and in the VERIFY APDU; both are filled with zeros in a {@code finally}
 * block before {@link #verify} returns or throws, whatever happened. Nothing here logs it, keeps it in a
 * field or puts it in an exception message.
 */
public final class HostPinEntry implements PinEntry {

    /**
     * @throws IllegalArgumentException when the source gave no PIN, or one that is not 4..8 digits (the PIN
     *         is still wiped; the message does not contain it)
     */
    @Override
    public void verify(CardSession session, PinSource source) throws CardStatusException, CardTransportException {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(source, "source");
        char[] pin = source.takePin();
        if (pin == null) {
            throw new IllegalArgumentException("no PIN was typed");
        }
        try {
            new CreditCardApplication(session).verifyPin(pin); // wipes its APDU itself
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    @Override
    public boolean usesScreenKeypad() {
        return true;
    }

    @Override
    public String toString() {
        return "HostPinEntry";
    }
}

package com.valuekiosk.kiosk.diagnostics;

import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.kiosk.reader.ApduTrace;

/**
 * The last guard before text leaves the engine (results, reports): card numbers written as digits
 * ({@code 4999 9900 0000 0013}, grouped or not) keep their last four — {@link CardNumber#maskAll} — and runs of 16 or
 * more decimal hex digits, as card numbers appear in APDUs, too ({@link ApduTrace#maskDigits}). The checks mask at
 * the source already; this catches what an exception message might carry.
 */
public final class Masking {

    private Masking() {
    }

    public static String text(String text) {
        if (text == null) {
            return null;
        }
        return ApduTrace.maskDigits(CardNumber.maskAll(text));
    }
}

package com.valuekiosk.card.host;

import static com.valuekiosk.card.host.CardProtocol.*;

/** What a status word means, in words a field technician can act on. */
public final class StatusWords {

    private StatusWords() {
    }

    public static String describe(int sw) {
        if ((sw & 0xFFF0) == SW_PIN_TRIES_REMAINING) {
            int left = sw & 0x0F;
            return "wrong PIN, " + left + (left == 1 ? " try" : " tries") + " left";
        }
        switch (sw) {
            case SW_SUCCESS: return "success";
            case SW_WRONG_LENGTH: return "wrong length of the data field";
            case SW_SECURITY_STATUS_NOT_SATISFIED: return "PIN not verified";
            case SW_PIN_BLOCKED: return "PIN blocked";
            case SW_WRONG_LIFE_CYCLE: return "not allowed in the card's life cycle state";
            case SW_BAD_MAC: return "MAC does not verify";
            case SW_WRONG_DATA: return "invalid value in the data field";
            case SW_FILE_NOT_FOUND: return "application not found";
            case SW_RECORD_NOT_FOUND: return "log record not found";
            case SW_INCORRECT_P1P2: return "incorrect P1/P2";
            case SW_PERSONALISATION_INCOMPLETE: return "personalisation incomplete";
            case SW_INS_NOT_SUPPORTED: return "instruction not supported";
            case SW_CLA_NOT_SUPPORTED: return "class not supported";
            case SW_UNKNOWN: return "card error without precise diagnosis";
            case SW_SEQUENCE_MISMATCH: return "sequence number replayed or out of order";
            case SW_MAXIMUM_BALANCE_EXCEEDED: return "maximum balance would be exceeded";
            case SW_INSUFFICIENT_BALANCE: return "insufficient balance";
            case SW_COUNTER_EXHAUSTED: return "card counter exhausted";
            default: return "unknown status";
        }
    }

    /** "6982 (PIN not verified)". */
    static String format(int sw) {
        return String.format("%04X (%s)", sw, describe(sw));
    }
}

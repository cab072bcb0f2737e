package com.valuekiosk.kiosk.diagnostics.card;

import com.valuekiosk.card.host.StatusWords;
import java.util.Map;

/**
 * Every status word in words: ours first ({@link StatusWords}, what our applets mean by them), then the
 * interindustry ones of ISO/IEC 7816-4 5.6 that other cards and readers answer.
 */
public final class StatusWordText {

    private StatusWordText() {
    }

    private static final Map<Integer, String> ISO = Map.ofEntries(
            Map.entry(0x6200, "warning: no information, memory unchanged"),
            Map.entry(0x6281, "warning: part of the returned data may be corrupted"),
            Map.entry(0x6282, "warning: end of file or record reached before Le bytes"),
            Map.entry(0x6283, "warning: selected file deactivated"),
            Map.entry(0x6284, "warning: file control information not formatted as it should be"),
            Map.entry(0x6300, "warning: memory changed, no information (authentication failed)"),
            Map.entry(0x6400, "execution error, memory unchanged (PIN pad: entry timed out)"),
            Map.entry(0x6401, "immediate response required by the card (PIN pad: cancelled)"),
            Map.entry(0x6500, "execution error, memory changed"),
            Map.entry(0x6581, "memory failure"),
            Map.entry(0x6800, "functions in CLA not supported"),
            Map.entry(0x6881, "logical channel not supported"),
            Map.entry(0x6882, "secure messaging not supported"),
            Map.entry(0x6884, "command chaining not supported"),
            Map.entry(0x6900, "command not allowed"),
            Map.entry(0x6981, "command incompatible with the file structure"),
            Map.entry(0x6984, "referenced data not usable"),
            Map.entry(0x6986, "command not allowed (no current EF)"),
            Map.entry(0x6987, "expected secure messaging data objects missing"),
            Map.entry(0x6A81, "function not supported"),
            Map.entry(0x6A84, "not enough memory space in the file"),
            Map.entry(0x6A87, "Nc inconsistent with P1-P2"),
            Map.entry(0x6B00, "wrong parameters P1-P2"),
            Map.entry(0x6999, "applet not installed (simulator: install it first)"));

    /** "success", "wrong PIN, 2 tries left", "61 0A: 10 more bytes available", "unknown status 6F12". */
    public static String describe(int sw) {
        if ((sw & 0xFF00) == 0x6100) {
            return (sw & 0xFF) + " more bytes available (GET RESPONSE)";
        }
        if ((sw & 0xFF00) == 0x6C00) {
            return "wrong Le: the card has " + (sw & 0xFF) + " bytes";
        }
        String ours = StatusWords.describe(sw);
        if (!ours.equals("unknown status")) {
            return ours;
        }
        String iso = ISO.get(sw);
        if (iso != null) {
            return iso;
        }
        if ((sw & 0xFFF0) == 0x63C0) {
            return "counter " + (sw & 0x0F);
        }
        return String.format("unknown status %04X", sw);
    }
}

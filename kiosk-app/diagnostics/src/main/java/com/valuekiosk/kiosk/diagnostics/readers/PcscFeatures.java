package com.valuekiosk.kiosk.diagnostics.readers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Names of the PC/SC part 10 (v2.02.09) features a reader may answer to GET_FEATURE_REQUEST; the request itself and
 * the parsing of its answer are the engine's ({@code PcscPinPad.GET_FEATURE_REQUEST}, {@code PcscPinPad.features}).
 */
public final class PcscFeatures {

    private PcscFeatures() {
    }

    private static final Map<Integer, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put(0x01, "VERIFY_PIN_START");
        NAMES.put(0x02, "VERIFY_PIN_FINISH");
        NAMES.put(0x03, "MODIFY_PIN_START");
        NAMES.put(0x04, "MODIFY_PIN_FINISH");
        NAMES.put(0x05, "GET_KEY_PRESSED");
        NAMES.put(0x06, "VERIFY_PIN_DIRECT");
        NAMES.put(0x07, "MODIFY_PIN_DIRECT");
        NAMES.put(0x08, "MCT_READER_DIRECT");
        NAMES.put(0x09, "MCT_UNIVERSAL");
        NAMES.put(0x0A, "IFD_PIN_PROPERTIES");
        NAMES.put(0x0B, "ABORT");
        NAMES.put(0x0C, "SET_SPE_MESSAGE");
        NAMES.put(0x0D, "VERIFY_PIN_DIRECT_APP_ID");
        NAMES.put(0x0E, "MODIFY_PIN_DIRECT_APP_ID");
        NAMES.put(0x0F, "WRITE_DISPLAY");
        NAMES.put(0x10, "GET_KEY");
        NAMES.put(0x11, "IFD_DISPLAY_PROPERTIES");
        NAMES.put(0x12, "GET_TLV_PROPERTIES");
        NAMES.put(0x13, "CCID_ESC_COMMAND");
        NAMES.put(0x20, "EXECUTE_PACE");
    }

    /** "FEATURE_VERIFY_PIN_DIRECT", or "FEATURE_0x42" for a tag this list does not know. */
    public static String name(int tag) {
        String name = NAMES.get(tag);
        return name != null ? "FEATURE_" + name : String.format("FEATURE_0x%02X", tag);
    }

    /** A PIN pad the kiosk can use: the reader builds our VERIFY itself. */
    public static boolean isPinPad(Map<Integer, Integer> features) {
        return features.containsKey(0x06);
    }
}

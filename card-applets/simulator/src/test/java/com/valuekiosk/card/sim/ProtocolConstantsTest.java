package com.valuekiosk.card.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.applet.Constants;
import com.valuekiosk.card.host.CardProtocol;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javacard.framework.ISO7816;
import org.junit.jupiter.api.Test;

/**
 * The applets' {@link Constants} and the host's {@link CardProtocol} describe one protocol and must
 * agree name by name, compared as unsigned numbers (a status word is a {@code short} on the card and
 * an {@code int} on the host). The status words the applets take from {@link ISO7816} must have the
 * Java Card API's values on the host too. And no number may exist on one side only.
 */
class ProtocolConstantsTest {

    /** Host status words whose applet side is javacard.framework.ISO7816: host name to ISO7816 name. */
    private static final Map<String, String> FROM_ISO7816 = Map.of(
            "SW_SUCCESS", "SW_NO_ERROR",
            "SW_WRONG_LENGTH", "SW_WRONG_LENGTH",
            "SW_SECURITY_STATUS_NOT_SATISFIED", "SW_SECURITY_STATUS_NOT_SATISFIED",
            "SW_WRONG_DATA", "SW_WRONG_DATA",
            "SW_FILE_NOT_FOUND", "SW_FILE_NOT_FOUND",
            "SW_INCORRECT_P1P2", "SW_INCORRECT_P1P2",
            "SW_INS_NOT_SUPPORTED", "SW_INS_NOT_SUPPORTED",
            "SW_CLA_NOT_SUPPORTED", "SW_CLA_NOT_SUPPORTED",
            "SW_UNKNOWN", "SW_UNKNOWN");

    /**
     * Host numbers the applets never see. SELECT is handled by the card's runtime, which matches
     * the AID for the applet, so no applet checks P1 of a SELECT.
     */
    private static final Set<String> HOST_ONLY = Set.of("P1_SELECT_BY_NAME");

    @Test
    void everyAppletConstantHasTheSameValueOnTheHost() {
        Map<String, Long> applet = unsignedConstants(Constants.class);
        Map<String, Long> host = unsignedConstants(CardProtocol.class);

        assertThat(applet).as("applet constants").containsKeys("CLA_PROPRIETARY", "INS_CREDIT", "SW_BAD_MAC",
                "TAG_PURSE_DEBIT_KEY", "PURSE_DATA_LENGTH", "LOG_RECORD_LENGTH");
        List<String> mismatches = new ArrayList<>();
        applet.forEach((name, value) -> {
            if (!host.containsKey(name)) {
                mismatches.add(name + " = " + hex(value) + " is missing in CardProtocol");
            } else if (!host.get(name).equals(value)) {
                mismatches.add(name + ": applet " + hex(value) + ", host " + hex(host.get(name)));
            }
        });
        assertThat(mismatches).as("Constants vs. CardProtocol").isEmpty();
    }

    @Test
    void hostStatusWordsFromIso7816HaveTheJavaCardValues() {
        Map<String, Long> host = unsignedConstants(CardProtocol.class);
        Map<String, Long> iso = unsignedConstants(ISO7816.class);

        List<String> mismatches = new ArrayList<>();
        FROM_ISO7816.forEach((hostName, isoName) -> {
            if (!iso.containsKey(isoName)) {
                mismatches.add("ISO7816 has no " + isoName);
            } else if (!host.containsKey(hostName)) {
                mismatches.add("CardProtocol has no " + hostName + " (ISO7816." + isoName + " = " + hex(iso.get(isoName)) + ")");
            } else if (!host.get(hostName).equals(iso.get(isoName))) {
                mismatches.add(hostName + " = " + hex(host.get(hostName)) + " but ISO7816." + isoName + " = "
                        + hex(iso.get(isoName)));
            }
        });
        assertThat(mismatches).as("CardProtocol vs. javacard.framework.ISO7816").isEmpty();
        // The value a test or a terminal compares against is the one the card sends: 9000 and 6F00.
        assertThat(host.get("SW_SUCCESS")).isEqualTo(0x9000L);
        assertThat(host.get("SW_UNKNOWN")).isEqualTo(0x6F00L);
    }

    @Test
    void everyHostProtocolNumberHasAnAppletOrIso7816Counterpart() {
        Map<String, Long> applet = unsignedConstants(Constants.class);
        Map<String, Long> host = unsignedConstants(CardProtocol.class);

        assertThat(host.keySet()).as("host-only exceptions must exist on the host and not in the applets")
                .containsAll(HOST_ONLY);
        assertThat(applet.keySet()).doesNotContainAnyElementsOf(HOST_ONLY);

        List<String> alone = new ArrayList<>();
        for (String name : host.keySet()) {
            if (!applet.containsKey(name) && !FROM_ISO7816.containsKey(name) && !HOST_ONLY.contains(name)) {
                alone.add(name);
            }
        }
        assertThat(alone).as("CardProtocol numbers with no counterpart in Constants or ISO7816").isEmpty();
        // The families the protocol is made of are all present, so the loop above had something to check.
        assertThat(host.keySet()).anyMatch(n -> n.startsWith("INS_")).anyMatch(n -> n.startsWith("TAG_"))
                .anyMatch(n -> n.startsWith("SW_")).anyMatch(n -> n.startsWith("MAC_TYPE_"))
                .anyMatch(n -> n.startsWith("LOG_")).anyMatch(n -> n.endsWith("_LENGTH"));
    }

    /** Public static final byte/short/int fields, as unsigned values (byte & FF, short & FFFF, int as is). */
    private static Map<String, Long> unsignedConstants(Class<?> type) {
        Map<String, Long> constants = new TreeMap<>();
        for (Field field : type.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (!Modifier.isPublic(modifiers) || !Modifier.isStatic(modifiers) || !Modifier.isFinal(modifiers)) {
                continue;
            }
            Object value;
            try {
                value = field.get(null);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(field.toString(), e);
            }
            long unsigned;
            if (value instanceof Byte b) {
                unsigned = b & 0xFF;
            } else if (value instanceof Short s) {
                unsigned = s & 0xFFFF;
            } else if (value instanceof Integer i) {
                unsigned = i;
            } else {
                throw new AssertionError(type.getSimpleName() + "." + field.getName() + " is a "
                        + field.getType() + ", not a protocol number");
            }
            constants.put(field.getName(), unsigned);
        }
        return constants;
    }

    private static String hex(long value) {
        return String.format("0x%X", value);
    }
}

package com.valuekiosk.kiosk.diagnostics.atr;

import com.valuekiosk.card.host.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * An answer to reset parsed per ISO/IEC 7816-3:2006 clause 8: TS, T0, the interface bytes TAi/TBi/TCi/TDi, the
 * protocols offered, Fi/Di from TA1, the historical bytes and the check byte TCK (present, and checked, whenever a
 * protocol other than T=0 is offered). Pure and immutable: {@link #parse} never talks to a card.
 *
 * <p>A malformed ATR (too short, bytes missing for what T0 and the TDi announce, extra bytes) is not an exception:
 * it parses as far as it goes and {@link #problems()} says what is wrong, so that a technician sees both.
 */
public final class Atr {

    /** One interface byte: {@code TA1}, {@code TD2}, with its meaning in words. */
    public record InterfaceByte(String name, int value, String meaning) {

        @Override
        public String toString() {
            return String.format("%s=%02X %s", name, value, meaning);
        }
    }

    /** Fi by the high nibble of TA1 (0 when reserved), and the matching maximum clock in kHz. */
    private static final int[] FI = {372, 372, 558, 744, 1116, 1488, 1860, 0, 0, 512, 768, 1024, 1536, 2048, 0, 0};
    private static final int[] F_MAX_KHZ = {4000, 5000, 6000, 8000, 12000, 16000, 20000, 0, 0, 5000, 7500, 10000,
        15000, 20000, 0, 0};
    /** Di by the low nibble of TA1 (0 when reserved). */
    private static final int[] DI = {0, 1, 2, 4, 8, 16, 32, 64, 12, 20, 0, 0, 0, 0, 0, 0};

    private final byte[] bytes;
    private final int ts;
    private final int t0;
    private final List<InterfaceByte> interfaceBytes;
    private final List<Integer> protocols;
    private final byte[] historical;
    private final boolean tckRequired;
    private final Integer tck;
    private final boolean tckValid;
    private final Integer ta1;
    private final List<String> problems;

    private Atr(byte[] bytes, int ts, int t0, List<InterfaceByte> interfaceBytes, List<Integer> protocols,
                byte[] historical, boolean tckRequired, Integer tck, boolean tckValid, Integer ta1, List<String> problems) {
        this.bytes = bytes;
        this.ts = ts;
        this.t0 = t0;
        this.interfaceBytes = List.copyOf(interfaceBytes);
        this.protocols = List.copyOf(protocols);
        this.historical = historical;
        this.tckRequired = tckRequired;
        this.tck = tck;
        this.tckValid = tckValid;
        this.ta1 = ta1;
        this.problems = List.copyOf(problems);
    }

    /** "3B 8F 80 01 …", "3b8f8001…" or with colons: hex digits, separators ignored. */
    public static Atr parse(String hex) {
        Objects.requireNonNull(hex, "hex");
        String digits = hex.replaceAll("[\\s:]", "");
        if (!digits.matches("(?i)([0-9a-f]{2})*")) {
            throw new IllegalArgumentException("an ATR is hex bytes, got \"" + hex + "\"");
        }
        return parse(Bytes.fromHex(digits));
    }

    public static Atr parse(byte[] atr) {
        Objects.requireNonNull(atr, "atr");
        byte[] bytes = atr.clone();
        List<String> problems = new ArrayList<>();
        List<InterfaceByte> interfaceBytes = new ArrayList<>();
        List<Integer> protocols = new ArrayList<>();
        if (bytes.length < 2) {
            problems.add("an ATR has at least TS and T0, got " + bytes.length + " byte(s)");
            return new Atr(bytes, bytes.length > 0 ? bytes[0] & 0xFF : -1, -1, interfaceBytes, protocols, new byte[0],
                    false, null, false, null, problems);
        }
        int ts = bytes[0] & 0xFF;
        if (ts != 0x3B && ts != 0x3F) {
            problems.add(String.format("TS=%02X is neither 3B (direct) nor 3F (inverse convention)", ts));
        }
        int t0 = bytes[1] & 0xFF;
        int historicalCount = t0 & 0x0F;
        int y = t0 >>> 4;
        int at = 2;
        int i = 1;
        int previousProtocol = -1; // the T of TD(i-1): what TAi/TBi/TCi (i >= 3) are about
        boolean anyTd = false;
        Integer ta1 = null;
        boolean tckRequired = false;
        while (true) {
            Integer tdValue = null;
            for (int bit = 0; bit < 4; bit++) {
                if ((y & (1 << bit)) == 0) {
                    continue;
                }
                String name = "T" + "ABCD".charAt(bit) + i;
                if (at >= bytes.length) {
                    problems.add(name + " is announced but the ATR ends before it");
                    return finish(bytes, ts, t0, interfaceBytes, protocols, historicalCount, bytes.length, tckRequired,
                            ta1, problems, anyTd);
                }
                int value = bytes[at++] & 0xFF;
                if (bit == 3) {
                    tdValue = value;
                    int protocol = value & 0x0F;
                    anyTd = true;
                    if (!protocols.contains(protocol) && protocol != 15) {
                        protocols.add(protocol);
                    }
                    if (protocol != 0) {
                        tckRequired = true; // clause 8.2.5: TCK unless only T=0 is indicated
                    }
                }
                if (name.equals("TA1")) {
                    ta1 = value;
                }
                interfaceBytes.add(new InterfaceByte(name, value, meaning(bit, i, value, previousProtocol)));
            }
            if (tdValue == null) {
                break;
            }
            previousProtocol = tdValue & 0x0F;
            y = tdValue >>> 4;
            i++;
        }
        if (!anyTd) {
            protocols.add(0); // no TD1: T=0 only
        }
        return finish(bytes, ts, t0, interfaceBytes, protocols, historicalCount, at, tckRequired, ta1, problems, anyTd);
    }

    private static Atr finish(byte[] bytes, int ts, int t0, List<InterfaceByte> interfaceBytes, List<Integer> protocols,
                              int historicalCount, int at, boolean tckRequired, Integer ta1, List<String> problems,
                              boolean anyTd) {
        int historicalEnd = Math.min(bytes.length, at + historicalCount);
        byte[] historical = Arrays.copyOfRange(bytes, Math.min(at, bytes.length), historicalEnd);
        if (historical.length < historicalCount) {
            problems.add("T0 announces " + historicalCount + " historical bytes, the ATR holds " + historical.length);
        }
        Integer tck = null;
        boolean tckValid = false;
        int expectedLength = at + historicalCount + (tckRequired ? 1 : 0);
        if (tckRequired) {
            if (bytes.length >= expectedLength) {
                tck = bytes[expectedLength - 1] & 0xFF;
                int xor = 0;
                for (int k = 1; k < expectedLength; k++) {
                    xor ^= bytes[k] & 0xFF;
                }
                tckValid = xor == 0;
                if (!tckValid) {
                    int should = tck ^ xor;
                    problems.add(String.format("TCK=%02X is wrong: T0 to TCK must XOR to 00 (TCK should be %02X)", tck,
                            should));
                }
            } else {
                problems.add("TCK is required (a protocol other than T=0 is offered) but missing");
            }
        }
        if (bytes.length > expectedLength && problems.isEmpty()) {
            problems.add((bytes.length - expectedLength) + " byte(s) after the end of the ATR"
                    + (!tckRequired && bytes.length == expectedLength + 1 ? " (a TCK, though only T=0 is offered?)" : ""));
        }
        return new Atr(bytes, ts, t0, interfaceBytes, protocols, historical, tckRequired, tck, tckValid, ta1, problems);
    }

    /** What an interface byte says (ISO/IEC 7816-3 8.3, 11.4 for T=1). */
    private static String meaning(int bit, int i, int value, int previousProtocol) {
        if (bit == 3) {
            int protocol = value & 0x0F;
            String next = nextBytes(value >>> 4);
            return (protocol == 15 ? "T=15 (global interface bytes follow)" : "T=" + protocol)
                    + (next.isEmpty() ? "" : ", then " + next);
        }
        if (i == 1) {
            return switch (bit) {
                case 0 -> fiDi(value);
                case 1 -> "deprecated (VPP), " + (value == 0 ? "no VPP" : String.format("%02X", value));
                default -> "extra guard time N=" + value + (value == 255 ? " (minimum: 11 etu for T=0, 11 for T=1)" : "");
            };
        }
        if (i == 2) {
            return switch (bit) {
                case 0 -> "specific mode T=" + (value & 0x0F) + ((value & 0x80) != 0 ? ", cannot change" : ", can change")
                        + ((value & 0x10) != 0 ? ", Fi/Di implicit" : ", Fi/Di from TA1");
                case 1 -> "deprecated (PI2)";
                default -> "waiting time integer WI=" + value + " (T=0)";
            };
        }
        if (previousProtocol == 1) {
            return switch (bit) {
                case 0 -> "IFSC=" + value + " bytes (T=1)";
                case 1 -> "BWI=" + (value >>> 4) + ", CWI=" + (value & 0x0F) + " (T=1)";
                default -> "error detection " + ((value & 1) != 0 ? "CRC" : "LRC") + " (T=1)";
            };
        }
        if (previousProtocol == 15) {
            return switch (bit) {
                case 0 -> "clock stop " + clockStop(value >>> 6) + ", class " + classes(value & 0x3F);
                case 1 -> "SPU " + (value == 0 ? "not used" : String.format("%02X", value));
                default -> "global (T=15)";
            };
        }
        return "for T=" + previousProtocol;
    }

    private static String nextBytes(int y) {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < 4; bit++) {
            if ((y & (1 << bit)) != 0) {
                names.add("T" + "ABCD".charAt(bit));
            }
        }
        return String.join(" ", names);
    }

    private static String fiDi(int value) {
        int fi = FI[value >>> 4];
        int di = DI[value & 0x0F];
        return "Fi=" + (fi == 0 ? "RFU" : fi) + ", Di=" + (di == 0 ? "RFU" : di)
                + (F_MAX_KHZ[value >>> 4] == 0 ? "" : ", f max " + (F_MAX_KHZ[value >>> 4] / 1000.0) + " MHz")
                + (fi != 0 && di != 0 ? ", " + (fi / di) + " clock cycles per bit" : "");
    }

    private static String clockStop(int x) {
        return switch (x) {
            case 0 -> "not supported";
            case 1 -> "state L";
            case 2 -> "state H";
            default -> "no preference";
        };
    }

    private static String classes(int y) {
        List<String> classes = new ArrayList<>();
        if ((y & 1) != 0) {
            classes.add("A (5 V)");
        }
        if ((y & 2) != 0) {
            classes.add("B (3 V)");
        }
        if ((y & 4) != 0) {
            classes.add("C (1.8 V)");
        }
        return classes.isEmpty() ? "not indicated" : String.join(", ", classes);
    }

    // ---------------------------------------------------------------- answers

    public byte[] bytes() {
        return bytes.clone();
    }

    /** "3B 8F 80 01 …", as pcsc-tools writes ATRs. */
    public String hex() {
        return spaced(bytes);
    }

    public int ts() {
        return ts;
    }

    /** "direct", "inverse" or "invalid". */
    public String convention() {
        return ts == 0x3B ? "direct" : ts == 0x3F ? "inverse" : "invalid";
    }

    public int t0() {
        return t0;
    }

    public int historicalLength() {
        return t0 < 0 ? 0 : t0 & 0x0F;
    }

    public List<InterfaceByte> interfaceBytes() {
        return interfaceBytes;
    }

    /** The protocols offered (TDi), in order; T=0 alone when there is no TD1. */
    public List<Integer> protocols() {
        return protocols;
    }

    /** Fi from TA1, 372 (the default) without TA1; 0 when TA1 names a reserved value. */
    public int fi() {
        return ta1 == null ? 372 : FI[ta1 >>> 4];
    }

    /** Di from TA1, 1 without TA1; 0 when reserved. */
    public int di() {
        return ta1 == null ? 1 : DI[ta1 & 0x0F];
    }

    /** The maximum clock frequency in kHz that goes with Fi (5000 without TA1). */
    public int fMaxKhz() {
        return ta1 == null ? 5000 : F_MAX_KHZ[ta1 >>> 4];
    }

    public OptionalInt ta1() {
        return ta1 == null ? OptionalInt.empty() : OptionalInt.of(ta1);
    }

    public byte[] historicalBytes() {
        return historical.clone();
    }

    /** The historical bytes as text, printable ASCII kept and the rest shown as dots: "JCOP31V232". */
    public String historicalText() {
        StringBuilder text = new StringBuilder();
        for (byte b : historical) {
            text.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
        }
        return text.toString();
    }

    /** What the first historical byte (the category indicator, ISO/IEC 7816-4 8.1.1) says. */
    public String historicalCategory() {
        if (historical.length == 0) {
            return "none";
        }
        int category = historical[0] & 0xFF;
        return switch (category) {
            case 0x00 -> "00: COMPACT-TLV, status indicator in the last three bytes";
            case 0x10 -> "10: DIR data reference";
            case 0x80 -> "80: COMPACT-TLV objects";
            default -> String.format("%02X: proprietary", category);
        };
    }

    public boolean tckRequired() {
        return tckRequired;
    }

    public OptionalInt tck() {
        return tck == null ? OptionalInt.empty() : OptionalInt.of(tck);
    }

    /** True when the TCK is present and right, or not required (T=0 only) and absent. */
    public boolean tckOk() {
        return tckRequired ? tckValid : tck == null;
    }

    /** What is wrong with this ATR; empty when it is well formed. */
    public List<String> problems() {
        return problems;
    }

    public boolean isWellFormed() {
        return problems.isEmpty();
    }

    /** "T=0", "T=1", "T=0, T=1". */
    public String protocolText() {
        List<String> names = new ArrayList<>();
        for (int protocol : protocols) {
            names.add("T=" + protocol);
        }
        return String.join(", ", names);
    }

    static String spaced(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(String.format(Locale.ROOT, "%02X", b & 0xFF));
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "Atr[" + hex() + "]";
    }
}

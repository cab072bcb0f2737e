package com.valuekiosk.kiosk.reader;

import com.valuekiosk.card.host.CardProtocol;
import com.valuekiosk.card.host.CardStatusException;
import com.valuekiosk.card.host.CardTransportException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;

/**
 * A PC/SC reader's own PIN pad (PC/SC part 10, "IFDs with secure PIN entry capabilities"): the person
 * types the PIN on the reader, which builds our VERIFY and sends it to the card; the host only sees the
 * card's status word. Reached through {@link Card#transmitControlCommand}.
 *
 * <p>{@link #features} asks a reader which part 10 features it has (GET_FEATURE_REQUEST);
 * {@link #verifyPinStructure} is the exact PIN_VERIFY_STRUCTURE we send for FEATURE_VERIFY_PIN_DIRECT.
 */
public final class PcscPinPad implements PinPad {

    /** PC/SC part 10 feature tag: verify a PIN, the reader builds the APDU. */
    public static final int FEATURE_VERIFY_PIN_DIRECT = 0x06;
    /** The SCARD_CTL_CODE function number of GET_FEATURE_REQUEST. */
    public static final int GET_FEATURE_REQUEST_FUNCTION = 3400;
    /** GET_FEATURE_REQUEST's control code on this operating system (0x42000D48 on Linux and macOS). */
    public static final int GET_FEATURE_REQUEST = scardCtlCode(GET_FEATURE_REQUEST_FUNCTION, isWindows());
    /** Seconds the reader waits for the PIN. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 30;

    /** PIN pad answers that are not the card's (PC/SC part 10): entry timed out, cancelled. */
    public static final int SW_PIN_PAD_TIMEOUT = 0x6400;
    public static final int SW_PIN_PAD_CANCELLED = 0x6401;

    private final Card card;
    private final int verifyControlCode;
    private final Object sessionLock;
    private final String readerName;
    private final int timeoutSeconds;

    /**
     * @param verifyControlCode the control code the reader gave for FEATURE_VERIFY_PIN_DIRECT
     * @param sessionLock the session's lock: the PIN pad and APDUs never overlap
     */
    PcscPinPad(Card card, int verifyControlCode, Object sessionLock, String readerName, int timeoutSeconds) {
        this.card = Objects.requireNonNull(card, "card");
        this.verifyControlCode = verifyControlCode;
        this.sessionLock = Objects.requireNonNull(sessionLock, "sessionLock");
        this.readerName = readerName;
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * Blocks (up to the timeout, 30 s by default) while the person types the PIN on the reader.
     *
     * @throws CardStatusException with the card's status word (63Cx, 6983, …) or the pad's own 6400
     *         (timed out) / 6401 (cancelled)
     */
    @Override
    public void verifyPin() throws CardStatusException, CardTransportException {
        byte[] answer;
        synchronized (sessionLock) {
            try {
                answer = card.transmitControlCommand(verifyControlCode, verifyPinStructure(timeoutSeconds));
            } catch (CardException e) {
                throw PcscErrors.translate(e, readerName, "PIN pad VERIFY");
            } catch (IllegalStateException e) {
                throw PcscErrors.translate(e, readerName);
            }
        }
        int sw = statusWord(answer);
        if (sw != CardProtocol.SW_SUCCESS) {
            throw new CardStatusException(commandName(sw), sw);
        }
    }

    /** The answer of FEATURE_VERIFY_PIN_DIRECT is the card's (or the pad's) status word, 2 bytes. */
    static int statusWord(byte[] answer) throws ReaderException {
        if (answer == null || answer.length != 2) {
            throw new ReaderException("the PIN pad answered " + (answer == null ? 0 : answer.length)
                    + " bytes instead of a status word");
        }
        return ((answer[0] & 0xFF) << 8) | (answer[1] & 0xFF);
    }

    private static String commandName(int sw) {
        return switch (sw) {
            case SW_PIN_PAD_TIMEOUT -> "VERIFY (PIN pad: entry timed out)";
            case SW_PIN_PAD_CANCELLED -> "VERIFY (PIN pad: cancelled)";
            default -> "VERIFY (PIN pad)";
        };
    }

    /**
     * The PIN_VERIFY_STRUCTURE (PC/SC part 10 v2.02, CCID PC_to_RDR_Secure) for our VERIFY: the reader
     * collects 4 to 8 digits, puts them as ASCII after {@code 00 20 00 80}, sets Lc to their number and
     * sends the APDU. Multi-byte fields are little-endian. 23 bytes:
     *
     * <pre>
     * off field                      value        meaning
     *  0  bTimerOut                  1E (30)      seconds to wait for the PIN (timeoutSeconds)
     *  1  bTimerOut2                 00           after the first key: reader's default
     *  2  bmFormatString             82           1000 0010: units are bytes (bit 7), PIN at offset 0 of
     *                                             the data (bits 6-3), left justified (bit 2), ASCII (bits 1-0 = 10)
     *  3  bmPINBlockString           00           no PIN length field inserted, PIN block size 0: the PIN
     *                                             goes in as typed, without padding (our PIN is 4..8 ASCII bytes)
     *  4  bmPINLengthFormat          00           no PIN length position
     *  5  wPINMaxExtraDigit          08 04        0x0408: minimum 4 digits (high byte), maximum 8 (low byte)
     *  7  bEntryValidationCondition  02           entry ends when the person presses OK
     *  8  bNumberMessage             01           show one message ("Enter PIN")
     *  9  wLangId                    09 04        0x0409, English (United States)
     * 11  bMsgIndex                  00           message 0: PIN insertion prompt
     * 12  bTeoPrologue[3]            00 00 00     T=1 block prologue, filled in by the driver
     * 15  ulDataLength               04 00 00 00  the APDU template below is 4 bytes
     * 19  abData                     00 20 00 80  CLA INS P1 P2 of VERIFY; a case 1 header, so the reader
     *                                             appends Lc and the digits itself
     * </pre>
     *
     * With bmPINBlockString 00 and a 4-byte template, CCID readers (and libccid) add Lc = number of digits
     * typed, which is what our applet expects (APDU.md 5.2: Lc 4..8, no padding).
     */
    public static byte[] verifyPinStructure(int timeoutSeconds) {
        if (timeoutSeconds < 0 || timeoutSeconds > 0xFF) {
            throw new IllegalArgumentException("the PIN pad timeout is 0..255 seconds");
        }
        byte[] verifyHeader = {CardProtocol.CLA_ISO, CardProtocol.INS_VERIFY, 0x00, CardProtocol.P2_VERIFY_PIN};
        int minDigits = CardProtocol.PIN_MIN_LENGTH;
        int maxDigits = CardProtocol.PIN_MAX_LENGTH;
        int langId = 0x0409;
        byte[] s = new byte[19 + verifyHeader.length];
        s[0] = (byte) timeoutSeconds;          // bTimerOut
        s[1] = 0x00;                           // bTimerOut2
        s[2] = (byte) 0x82;                    // bmFormatString: bytes, position 0, left, ASCII
        s[3] = 0x00;                           // bmPINBlockString: no length field, no fixed block
        s[4] = 0x00;                           // bmPINLengthFormat
        s[5] = (byte) maxDigits;               // wPINMaxExtraDigit, little-endian: 0x0408 -> 08 04
        s[6] = (byte) minDigits;
        s[7] = 0x02;                           // bEntryValidationCondition: OK key
        s[8] = 0x01;                           // bNumberMessage
        s[9] = (byte) langId;                  // wLangId, little-endian: 0x0409 -> 09 04
        s[10] = (byte) (langId >>> 8);
        s[11] = 0x00;                          // bMsgIndex
        s[12] = 0x00;                          // bTeoPrologue[0..2]
        s[13] = 0x00;
        s[14] = 0x00;
        int dataLength = verifyHeader.length;  // ulDataLength, little-endian
        s[15] = (byte) dataLength;
        s[16] = (byte) (dataLength >>> 8);
        s[17] = (byte) (dataLength >>> 16);
        s[18] = (byte) (dataLength >>> 24);
        System.arraycopy(verifyHeader, 0, s, 19, verifyHeader.length); // abData
        return s;
    }

    /**
     * Parses a GET_FEATURE_REQUEST answer: a list of TLVs, tag 1 byte, length 1 byte (4), value the
     * feature's control code, big-endian. A truncated or odd-sized entry ends the list.
     *
     * @return control code by feature tag, in the order given
     */
    public static Map<Integer, Integer> features(byte[] answer) {
        Map<Integer, Integer> features = new LinkedHashMap<>();
        if (answer == null) {
            return features;
        }
        int at = 0;
        while (at + 2 <= answer.length) {
            int tag = answer[at] & 0xFF;
            int length = answer[at + 1] & 0xFF;
            if (length != 4 || at + 2 + length > answer.length) {
                break;
            }
            int code = ((answer[at + 2] & 0xFF) << 24) | ((answer[at + 3] & 0xFF) << 16)
                    | ((answer[at + 4] & 0xFF) << 8) | (answer[at + 5] & 0xFF);
            features.put(tag, code);
            at += 2 + length;
        }
        return Collections.unmodifiableMap(features);
    }

    /**
     * SCARD_CTL_CODE: pcsc-lite (Linux, macOS) {@code 0x42000000 + function}; Windows
     * {@code (FILE_DEVICE_SMARTCARD 0x31 << 16) | (function << 2)}.
     */
    public static int scardCtlCode(int function, boolean windows) {
        return windows ? (0x31 << 16) | (function << 2) : 0x42000000 + function;
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }
}

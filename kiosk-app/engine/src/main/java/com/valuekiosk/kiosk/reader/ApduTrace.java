package com.valuekiosk.kiosk.reader;

import com.valuekiosk.card.host.Bytes;
import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.card.host.CardProtocol;
import com.valuekiosk.card.host.CardStatusException;
import com.valuekiosk.card.host.CardTransport;
import com.valuekiosk.card.host.CardTransportException;
import com.valuekiosk.card.host.StatusWords;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record of APDU exchanges for diagnostics (R-FT1's APDU console, field reports): time, duration in µs,
 * command and answer in hex, status word in words. Wrap any session or transport with {@link #trace};
 * several sessions may write to one trace. It keeps the last {@code capacity} entries (500 by default)
 * and, when asked, logs each at DEBUG on the logger {@code com.valuekiosk.kiosk.reader.ApduTrace}.
 *
 * <h2>What is masked</h2>
 * Nothing secret is ever turned into text, so the masks hold for the entries, the log and any report:
 * <ul>
 *   <li>the data of VERIFY (INS 20), and of CHANGE REFERENCE DATA (24) and RESET RETRY COUNTER (2C),
 *       becomes {@code **};</li>
 *   <li>the data of PUT DATA (INS DA) with tag (P2) 04 (PIN), 05 or 06 (keys) becomes {@code **};</li>
 *   <li>the data of a GET DATA answer (INS CA: the card's data — holder name, number, expiry) is shown as its length
 *       only, {@code (58 bytes of card data)}: the applets check of the diagnostics shows those fields parsed and
 *       masked;</li>
 *   <li>a SELECT answer (INS A4) carries the same card data after kind, version and life cycle (APDU.md 3.1): those
 *       3 bytes are shown, the rest as its length only, {@code 010202 (26 bytes of card data) 9000};</li>
 *   <li>every run of 16 or more hex characters that are all decimal digits — a packed-BCD card number and
 *       whatever digits touch it — keeps only its last 4: {@code 4999990000000013} →
 *       {@code ************0013}. Over-masking is accepted.</li>
 * </ul>
 * Thread-safe.
 */
public final class ApduTrace {

    public static final int DEFAULT_CAPACITY = 500;
    public static final String MASK = "**";

    private static final Logger LOG = LoggerFactory.getLogger(ApduTrace.class);
    private static final Pattern DIGIT_RUN = Pattern.compile("[0-9]{16,}");
    private static final byte INS_CHANGE_REFERENCE_DATA = (byte) 0x24;
    private static final byte INS_RESET_RETRY_COUNTER = (byte) 0x2C;

    /**
     * One exchange.
     *
     * @param command the command, masked: header, then Lc, data and Le apart ({@code 00200080 04 **})
     * @param response the answer, masked: data, then the status word ({@code 0101 9000}); null when none came
     * @param sw the status word, -1 when no answer came
     * @param outcome the status word in words, or the failure ("CardRemovedException: …")
     */
    public record Entry(Instant time, long durationMicros, String command, String response, int sw, String outcome) {

        /** "2026-11-05T01:02:03.456Z     812 µs  > 80CA0000 00  < ************0013… 9000  success". */
        @Override
        public String toString() {
            return String.format("%s %7d µs  > %s  < %s  %s", time, durationMicros, command,
                    response == null ? "(no answer)" : response, outcome);
        }
    }

    private final int capacity;
    private final boolean logAtDebug;
    private final Clock clock;
    private final Deque<Entry> entries = new ArrayDeque<>();

    /** The last 500 exchanges, not logged. */
    public ApduTrace() {
        this(DEFAULT_CAPACITY, false, Clock.systemUTC());
    }

    /**
     * @param capacity how many of the latest entries are kept
     * @param logAtDebug also log every entry at DEBUG (masked like the entries)
     * @param clock for the entries' time; durations use {@link System#nanoTime()}
     */
    public ApduTrace(int capacity, boolean logAtDebug, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a trace keeps at least one entry");
        }
        this.capacity = capacity;
        this.logAtDebug = logAtDebug;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code session}, recording every exchange (and PIN pad VERIFYs) into this trace. */
    public CardSession trace(CardSession session) {
        return new TracedSession(Objects.requireNonNull(session, "session"));
    }

    /** {@code transport}, recording every exchange into this trace. */
    public CardTransport trace(CardTransport transport) {
        Objects.requireNonNull(transport, "transport");
        return command -> record(transport, command);
    }

    /** The kept entries, oldest first. */
    public List<Entry> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    /** The kept entries, one line each. */
    public String text() {
        return entries().stream().map(Entry::toString).collect(Collectors.joining(System.lineSeparator()));
    }

    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }

    private byte[] record(CardTransport transport, byte[] command) throws CardTransportException {
        Objects.requireNonNull(command, "command");
        String shown = maskCommand(command); // before sending: the caller may wipe the command afterwards
        Instant time = clock.instant();
        long start = System.nanoTime();
        try {
            byte[] response = transport.transmit(command);
            long micros = (System.nanoTime() - start) / 1_000;
            int sw = response != null && response.length >= 2
                    ? ((response[response.length - 2] & 0xFF) << 8) | (response[response.length - 1] & 0xFF) : -1;
            add(new Entry(time, micros, shown, responseText(command, response), sw,
                    sw < 0 ? "answer shorter than a status word" : StatusWords.describe(sw)));
            return response;
        } catch (CardTransportException | RuntimeException e) {
            add(new Entry(time, (System.nanoTime() - start) / 1_000, shown, null, -1, failure(e)));
            throw e;
        }
    }

    private void recordPinPad(PinPad pad) throws CardStatusException, CardTransportException {
        String shown = "PIN PAD " + Bytes.hex(new byte[] {CardProtocol.CLA_ISO, CardProtocol.INS_VERIFY, 0x00,
                CardProtocol.P2_VERIFY_PIN}) + " " + MASK;
        Instant time = clock.instant();
        long start = System.nanoTime();
        try {
            pad.verifyPin();
            add(new Entry(time, (System.nanoTime() - start) / 1_000, shown, "9000", CardProtocol.SW_SUCCESS,
                    StatusWords.describe(CardProtocol.SW_SUCCESS)));
        } catch (CardStatusException e) {
            add(new Entry(time, (System.nanoTime() - start) / 1_000, shown, String.format("%04X", e.sw()), e.sw(),
                    e.command() + ": " + StatusWords.describe(e.sw())));
            throw e;
        } catch (CardTransportException | RuntimeException e) {
            add(new Entry(time, (System.nanoTime() - start) / 1_000, shown, null, -1, failure(e)));
            throw e;
        }
    }

    private static String failure(Exception e) {
        return e.getClass().getSimpleName() + ": " + CardNumber.maskAll(String.valueOf(e.getMessage()));
    }

    private void add(Entry entry) {
        synchronized (entries) {
            if (entries.size() == capacity) {
                entries.removeFirst();
            }
            entries.addLast(entry);
        }
        if (logAtDebug && LOG.isDebugEnabled()) {
            LOG.debug("APDU {}", entry);
        }
    }

    // ---------------------------------------------------------------- masking

    /**
     * A command as trace text: header ({@code CLA INS P1 P2}), then Lc, data and Le separated by spaces;
     * secret data replaced by {@code **}, card numbers masked. A command whose length does not match its
     * Lc is shown as header and rest; the rest is {@code **} when the instruction may carry a secret.
     */
    public static String maskCommand(byte[] command) {
        if (command == null) {
            return "(null)";
        }
        if (command.length < 4) {
            return maskDigits(Bytes.hex(command));
        }
        StringBuilder text = new StringBuilder(Bytes.hex(Arrays.copyOf(command, 4)));
        if (command.length == 4) {
            return text.toString();
        }
        boolean secret = carriesSecret(command);
        int lc = command[4] & 0xFF;
        boolean wellFormed = command.length == 5 || (lc > 0 && (command.length == 5 + lc || command.length == 6 + lc));
        if (!wellFormed) {
            String rest = Bytes.hex(Arrays.copyOfRange(command, 4, command.length));
            return text.append(' ').append(secret ? MASK : maskDigits(rest)).toString();
        }
        text.append(' ').append(String.format("%02X", command[4]));
        if (command.length > 5) {
            String data = Bytes.hex(Arrays.copyOfRange(command, 5, 5 + lc));
            text.append(' ').append(secret ? MASK : maskDigits(data));
            if (command.length == 6 + lc) {
                text.append(' ').append(String.format("%02X", command[command.length - 1]));
            }
        }
        return text.toString();
    }

    /** The answer as trace text: the card's data of GET DATA and SELECT withheld, card numbers masked everywhere else. */
    static String responseText(byte[] command, byte[] response) {
        byte ins = command.length > 1 ? command[1] : 0;
        if (ins == CardProtocol.INS_GET_DATA) {
            return withheldResponse(response, 0);
        }
        if (ins == CardProtocol.INS_SELECT) {
            return withheldResponse(response, CardProtocol.SELECT_RESPONSE_LENGTH);
        }
        return maskResponse(response);
    }

    /**
     * The answer to GET DATA ({@code shown} 0) or SELECT ({@code shown} 3: kind, version, life cycle): the first
     * {@code shown} bytes, then the length of the rest and the status word, never the card's data (a name is not a
     * digit run to mask).
     */
    static String withheldResponse(byte[] response, int shown) {
        if (response == null || response.length <= 2 + shown) {
            return maskResponse(response);
        }
        String head = shown == 0 ? "" : Bytes.hex(Arrays.copyOf(response, shown)) + " ";
        return head + "(" + (response.length - 2 - shown) + " bytes of card data) "
                + Bytes.hex(Arrays.copyOfRange(response, response.length - 2, response.length));
    }

    /** An answer as trace text: data (card numbers masked), a space, the status word. */
    public static String maskResponse(byte[] response) {
        if (response == null) {
            return "(null)";
        }
        if (response.length < 2) {
            return maskDigits(Bytes.hex(response));
        }
        String sw = Bytes.hex(Arrays.copyOfRange(response, response.length - 2, response.length));
        if (response.length == 2) {
            return sw;
        }
        return maskDigits(Bytes.hex(Arrays.copyOf(response, response.length - 2))) + " " + sw;
    }

    /** Every run of 16 or more decimal digits keeps its last 4: {@code 4999990000000013} → {@code ************0013}. */
    public static String maskDigits(String text) {
        Matcher matcher = DIGIT_RUN.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            String run = matcher.group();
            matcher.appendReplacement(out, "*".repeat(run.length() - 4) + run.substring(run.length() - 4));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** PIN-bearing ISO commands with data, and PUT DATA of a PIN or a key. */
    private static boolean carriesSecret(byte[] command) {
        byte ins = command[1];
        if (ins == CardProtocol.INS_VERIFY || ins == INS_CHANGE_REFERENCE_DATA || ins == INS_RESET_RETRY_COUNTER) {
            return true;
        }
        if (ins == CardProtocol.INS_PUT_DATA) {
            byte tag = command[3];
            return tag == CardProtocol.TAG_CREDIT_PIN || tag == CardProtocol.TAG_CREDIT_CARD_KEY
                    || tag == CardProtocol.TAG_PURSE_DEBIT_KEY;
        }
        return false;
    }

    /** A session whose exchanges land in this trace. */
    private final class TracedSession implements CardSession {

        private final CardSession delegate;

        TracedSession(CardSession delegate) {
            this.delegate = delegate;
        }

        @Override
        public byte[] transmit(byte[] command) throws CardTransportException {
            return record(delegate, command);
        }

        @Override
        public byte[] atr() {
            return delegate.atr();
        }

        @Override
        public Optional<PinPad> pinPad() {
            return delegate.pinPad().map(pad -> () -> recordPinPad(pad));
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}

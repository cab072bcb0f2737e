package com.valuekiosk.kiosk.diagnostics.card;

import com.valuekiosk.card.host.Bytes;
import com.valuekiosk.card.host.CardTransport;
import com.valuekiosk.card.host.CardTransportException;
import com.valuekiosk.kiosk.diagnostics.Finding;
import com.valuekiosk.kiosk.diagnostics.Outcome;
import com.valuekiosk.kiosk.diagnostics.Verdict;
import com.valuekiosk.kiosk.reader.ApduTrace;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The APDU console: hex commands sent one after the other to a card in one session (so a SELECT holds for the next
 * command), every exchange in the engine's {@link ApduTrace} — VERIFY data, PINs and keys shown as {@code **}, card
 * numbers masked — with its status word in words. Commands are sent as typed: this is the technician's tool for what
 * the other checks do not cover; only the trace, never the raw command, leaves it.
 */
public final class ApduConsole {

    private final ApduTrace trace = new ApduTrace();
    private final CardTransport card;

    public ApduConsole(CardTransport card) {
        this.card = trace.trace(Objects.requireNonNull(card, "card"));
    }

    /**
     * "00A40400 08 F0564B494F534B02", "00a4040008f0564b494f534b02" or with colons: hex bytes, separators ignored.
     *
     * @throws IllegalArgumentException when it is not hex or shorter than a header (4 bytes)
     */
    public static byte[] parse(String hex) {
        String digits = Objects.requireNonNull(hex, "hex").replaceAll("[\\s:]", "");
        if (!digits.matches("(?i)([0-9a-f]{2})+")) {
            throw new IllegalArgumentException("an APDU is hex bytes (pairs of 0-9, A-F), got " + digits.length()
                    + " characters that are not");
        }
        byte[] command = Bytes.fromHex(digits);
        if (command.length < 4) {
            throw new IllegalArgumentException("an APDU has at least CLA INS P1 P2 (4 bytes), got " + command.length);
        }
        return command;
    }

    /** Sends each command; a failure of the reader ends the run (the trace still shows it). */
    public Outcome send(List<String> commands) {
        List<Finding> findings = new ArrayList<>();
        Verdict verdict = Verdict.PASS;
        String failure = null;
        for (String hex : commands) {
            byte[] command = parse(hex);
            try {
                byte[] response = card.transmit(command);
                int sw = response.length >= 2
                        ? ((response[response.length - 2] & 0xFF) << 8) | (response[response.length - 1] & 0xFF) : -1;
                if (sw != 0x9000) {
                    verdict = verdict.and(Verdict.WARN);
                }
            } catch (CardTransportException | RuntimeException e) {
                failure = e.getClass().getSimpleName() + ": " + e.getMessage();
                verdict = Verdict.FAIL;
                break;
            } finally {
                java.util.Arrays.fill(command, (byte) 0);
            }
        }
        int number = 0;
        for (ApduTrace.Entry entry : trace.entries()) {
            number++;
            String words = entry.sw() >= 0 ? String.format("%04X %s", entry.sw(), StatusWordText.describe(entry.sw()))
                    : entry.outcome();
            findings.add(Finding.of("> " + number, entry.command(), Verdict.PASS));
            findings.add(new Finding("< " + number, (entry.response() == null ? "(no answer)" : entry.response())
                    + "  " + words, entry.sw() == 0x9000 ? Verdict.PASS : entry.sw() < 0 ? Verdict.FAIL : Verdict.WARN,
                    java.time.Duration.ofNanos(entry.durationMicros() * 1_000)));
        }
        String message = failure != null ? failure
                : trace.entries().size() + " command(s), last answered "
                + lastWords(trace.entries());
        return Outcome.of(verdict, message, findings);
    }

    private static String lastWords(List<ApduTrace.Entry> entries) {
        if (entries.isEmpty()) {
            return "nothing";
        }
        ApduTrace.Entry last = entries.get(entries.size() - 1);
        return last.sw() < 0 ? last.outcome() : String.format("%04X %s", last.sw(), StatusWordText.describe(last.sw()));
    }

    /** The masked trace, one line per exchange. */
    public String traceText() {
        return trace.text();
    }
}

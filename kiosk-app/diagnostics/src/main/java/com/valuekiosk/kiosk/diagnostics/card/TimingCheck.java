package com.valuekiosk.kiosk.diagnostics.card;

import com.valuekiosk.card.host.Aids;
import com.valuekiosk.card.host.Bytes;
import com.valuekiosk.card.host.CardCommands;
import com.valuekiosk.card.host.CardTransport;
import com.valuekiosk.card.host.CardTransportException;
import com.valuekiosk.kiosk.diagnostics.Finding;
import com.valuekiosk.kiosk.diagnostics.Outcome;
import com.valuekiosk.kiosk.diagnostics.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * APDU round-trip time on one reader: the same harmless command N times (SELECT of our purse applet, else of the
 * credit card applet — whichever the card answers 9000 to; else the purse SELECT anyway, whose 6A82 is just as fast a
 * round trip), each timed from the call to the answer. A p95 above {@link #SLOW} is a warning: a person would wait.
 */
public final class TimingCheck {

    public static final int DEFAULT_COMMANDS = 100;
    public static final Duration SLOW = Duration.ofMillis(200);

    private TimingCheck() {
    }

    public static Outcome run(CardTransport session, int commands) throws CardTransportException {
        if (commands < 1) {
            throw new IllegalArgumentException("at least one command");
        }
        CardTransport card = new ReadOnlyCard(session);
        byte[] command = CardCommands.select(Aids.PURSE);
        if (sw(card.transmit(command)) != 0x9000) {
            byte[] credit = CardCommands.select(Aids.CREDIT_CARD);
            if (sw(card.transmit(credit)) == 0x9000) {
                command = credit;
            }
        }
        List<Long> samples = new ArrayList<>(commands);
        for (int i = 0; i < commands; i++) {
            if (Thread.currentThread().isInterrupted()) {
                break; // the runner gave up waiting
            }
            long start = System.nanoTime();
            card.transmit(command);
            samples.add(System.nanoTime() - start);
        }
        LatencyStats stats = LatencyStats.of(samples);
        Verdict verdict = stats.p95Nanos() > SLOW.toNanos() ? Verdict.WARN : Verdict.PASS;
        List<Finding> findings = List.of(
                Finding.info("command", Bytes.hex(command) + " (SELECT), " + stats.count() + " times"),
                Finding.info("min", LatencyStats.millis(stats.minNanos())),
                Finding.info("median", LatencyStats.millis(stats.medianNanos())),
                Finding.of("p95", LatencyStats.millis(stats.p95Nanos()), verdict),
                Finding.info("max", LatencyStats.millis(stats.maxNanos())),
                Finding.info("mean", LatencyStats.millis(stats.meanNanos())));
        return new Outcome(verdict, stats.text(), findings, samples);
    }

    private static int sw(byte[] response) {
        return response.length < 2 ? -1
                : ((response[response.length - 2] & 0xFF) << 8) | (response[response.length - 1] & 0xFF);
    }
}

package com.valuekiosk.kiosk.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening and tap-time lookups on a journal that has seen 100,000 finished transactions: the first
 * opening of an old, never compacted file archives them once; after that, opening and lookups cost
 * what the open transactions cost. A benchmark, not a test: excluded from the build, run with
 * {@code ./mvnw -B -ntp -o -pl kiosk-app/engine -am test -Dgroups=benchmark -Dexcluded.groups=none -Dtest=JournalBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class JournalBenchmark {

    private static final int FINISHED = 100_000;
    private static final int OPEN = 10;
    private static final int LOOKUPS = 10_000;

    @TempDir
    Path directory;

    @Test
    void openingAndLookupsAfterAHundredThousandFinishedTransactions() throws Exception {
        Path file = directory.resolve("journal.jsonl");
        StringBuilder text = new StringBuilder();
        long sequence = 0;
        for (int i = 0; i < FINISHED + OPEN; i++) {
            UUID transaction = UUID.randomUUID();
            text.append(line(++sequence, transaction, Step.CHARGE_STARTED));
            text.append(line(++sequence, transaction, i < OPEN ? Step.CHARGE_APPLIED : Step.CHARGE_COMPLETED));
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        long oldBytes = Files.size(file);

        long start = System.nanoTime();
        FileJournal.open(file, Clock.systemUTC()).close();
        long firstOpen = System.nanoTime() - start;

        start = System.nanoTime();
        long lookupNanos;
        try (FileJournal journal = FileJournal.open(file, Clock.systemUTC())) {
            long open = System.nanoTime() - start;
            assertThat(journal.liveTransactions()).isEqualTo(OPEN);
            int found = 0;
            long lookups = System.nanoTime();
            for (int i = 0; i < LOOKUPS; i++) {
                found += journal.unfinished().size() + journal.entries().size();
            }
            lookupNanos = (System.nanoTime() - lookups) / LOOKUPS;
            assertThat(found).isEqualTo(LOOKUPS * (OPEN + 2 * OPEN));
            System.out.printf("old journal %,d bytes (%,d finished + %d open transactions)%n", oldBytes, FINISHED, OPEN);
            System.out.printf("first opening (archives the finished ones): %,d ms%n", firstOpen / 1_000_000);
            System.out.printf("opening after that: %,d ms; live file %,d bytes%n", open / 1_000_000, Files.size(file));
            System.out.printf("lookup (unfinished() + entries()): %,d ns each%n", lookupNanos);

            long appends = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                UUID transaction = UUID.randomUUID();
                journal.append(transaction, TestSteps.purchaseStarted());
                journal.append(transaction, TestSteps.purchaseApproved());
            }
            System.out.printf("append (forced to disk): %,d µs each%n", (System.nanoTime() - appends) / 200 / 1_000);
        }
    }

    private static String line(long sequence, UUID transaction, Step step) {
        return "{\"sequence\":" + sequence + ",\"at\":\"2026-11-30T09:00:00Z\",\"transaction\":\"" + transaction
                + "\",\"step\":\"" + step + "\",\"fields\":{\"chargeId\":\"" + sequence + "\",\"card\":\"************1111\"}}\n";
    }
}

package com.valuekiosk.kiosk.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.kiosk.journal.FileJournal;
import com.valuekiosk.kiosk.journal.JournalEntry;
import com.valuekiosk.kiosk.journal.Step;
import com.valuekiosk.kiosk.journal.StepRecord;
import com.valuekiosk.kiosk.journal.TestSteps;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryOfOwnedTransactionsTest {

    @TempDir
    Path directory;

    private Instant now = Instant.parse("2026-12-06T01:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void aChargeAFlowIsStillWritingIsLeftToThatFlow() {
        LiveTransactions live = new LiveTransactions(clock, Duration.ofMinutes(10));
        try (FileJournal journal = FileJournal.open(directory.resolve("journal.jsonl"), clock)) {
            UUID writing = UUID.randomUUID();
            UUID interrupted = UUID.randomUUID();
            live.claim(writing);
            journal.append(writing, new StepRecord.ChargeWriting(1));
            journal.append(interrupted, new StepRecord.ChargeWriting(2));

            Recovery.Report report = new Recovery(journal, null, null, live::isLive).run();

            assertThat(report).isEqualTo(new Recovery.Report(0, 0, 1, 1));
            assertThat(journal.unfinished()).extracting(JournalEntry::transaction).containsExactly(writing);
            assertThat(journal.of(interrupted)).last().extracting(JournalEntry::step).isEqualTo(Step.CHARGE_AWAITING_CARD);

            live.release(writing);
            new Recovery(journal, null, null, live::isLive).run();
            assertThat(journal.unfinished()).isEmpty();
        }
    }

    @Test
    void aClaimLapsesALeaseAfterTheFlowsLastEntry() {
        LiveTransactions live = new LiveTransactions(clock, Duration.ofMinutes(10));
        try (FileJournal journal = FileJournal.open(directory.resolve("journal.jsonl"), clock)) {
            UUID abandoned = UUID.randomUUID();
            live.claim(abandoned);
            journal.append(abandoned, TestSteps.purchaseStarted());

            now = now.plus(Duration.ofMinutes(9));
            assertThat(new Recovery(journal, null, null, live::isLive).run().inFlight()).isEqualTo(1);
            now = now.plus(Duration.ofMinutes(1));
            assertThat(live.isLive(abandoned)).isFalse();
            assertThat(new Recovery(journal, null, null, live::isLive).run().settled()).isEqualTo(1);
            assertThat(journal.of(abandoned)).last().extracting(JournalEntry::step).isEqualTo(Step.PURCHASE_FAILED);
        }
    }
}

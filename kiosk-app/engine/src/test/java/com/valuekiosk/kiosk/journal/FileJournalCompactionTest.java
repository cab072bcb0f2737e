package com.valuekiosk.kiosk.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.valuekiosk.kiosk.journal.FileJournal.CompactionPoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FileJournalCompactionTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T01:00:00Z"), ZoneOffset.UTC);
    /** Never compacts by itself during a test's appends. */
    private static final int NEVER = Integer.MAX_VALUE;

    @TempDir
    Path directory;

    private Path file() {
        return directory.resolve("journal.jsonl");
    }

    @Test
    void linesWrittenBeforeCompactionExistedAreStillRead() throws IOException {
        // Two lines as the journal has always written them (one open purchase, one finished).
        Files.writeString(file(), """
                {"sequence":1,"at":"2026-11-30T09:00:00Z","transaction":"8b0a7d8e-4c43-4a8e-9b1e-4a5f0e6f2a01","step":"PURCHASE_STARTED","fields":{"requestId":"0d7c2f59-9f5e-4c49-8b9b-2f0b8d5f9e11"}}
                {"sequence":2,"at":"2026-11-30T09:00:01Z","transaction":"8b0a7d8e-4c43-4a8e-9b1e-4a5f0e6f2a01","step":"PURCHASE_AUTHORIZED","fields":{"requestId":"0d7c2f59-9f5e-4c49-8b9b-2f0b8d5f9e11","card":"************1111"}}
                {"sequence":3,"at":"2026-11-30T09:01:00Z","transaction":"11111111-2222-3333-4444-555555555555","step":"CHARGE_KEPT_FOR_LATER","fields":{"card":"************2222","available":"500"}}
                """, StandardCharsets.UTF_8);

        try (FileJournal journal = FileJournal.open(file(), CLOCK)) {
            assertThat(journal.unfinished()).singleElement().satisfies(entry -> {
                assertThat(entry.step()).isEqualTo(Step.PURCHASE_AUTHORIZED);
                assertThat(entry.at()).isEqualTo(Instant.parse("2026-11-30T09:00:01Z"));
                assertThat(entry.field("requestId")).isEqualTo("0d7c2f59-9f5e-4c49-8b9b-2f0b8d5f9e11");
            });
            assertThat(journal.entries()).extracting(JournalEntry::sequence).containsExactly(1L, 2L);
            assertThat(journal.append(UUID.randomUUID(), TestSteps.chargeStarted()).sequence()).isEqualTo(4L);
        }
        assertThat(Files.readAllLines(directory.resolve("journal-archive-1.jsonl")))
                .singleElement().asString().contains("CHARGE_KEPT_FOR_LATER").contains("\"sequence\":3");
    }

    @Test
    void openingArchivesFinishedTransactionsAndKeepsOnlyOpenOnesInTheLiveFile() throws IOException {
        UUID open1;
        UUID open2;
        try (FileJournal journal = FileJournal.open(file(), CLOCK, NEVER)) {
            for (int i = 0; i < 3; i++) {
                finishedPurchase(journal);
            }
            open1 = openPurchase(journal);
            open2 = openPurchase(journal);
            assertThat(journal.liveTransactions()).isEqualTo(5);
        }

        try (FileJournal journal = FileJournal.open(file(), CLOCK, NEVER)) {
            assertThat(journal.liveTransactions()).isEqualTo(2);
            assertThat(journal.entries()).extracting(JournalEntry::transaction).containsOnly(open1, open2).hasSize(4);
            assertThat(journal.unfinished()).extracting(JournalEntry::transaction).containsExactly(open1, open2);
        }
        assertThat(transactionsIn(file())).containsOnly(open1, open2);
        assertThat(Files.readAllLines(directory.resolve("journal-archive-1.jsonl"))).hasSize(6);
        assertThat(directory.resolve("journal.jsonl.tmp")).doesNotExist();
    }

    @Test
    void theSizeOnDiskCountsTheLiveFileAndEveryArchiveAndNothingElse() throws IOException {
        Files.writeString(file().resolveSibling("notes.txt"), "not the journal's");
        try (FileJournal journal = FileJournal.open(file(), CLOCK, 3)) {
            openPurchase(journal);
            for (int i = 0; i < 7; i++) {
                finishedPurchase(journal);
            }
            long archives;
            try (var siblings = Files.list(file().getParent())) {
                archives = siblings.filter(path -> path.getFileName().toString().startsWith("journal-archive-"))
                        .mapToLong(path -> path.toFile().length()).sum();
            }
            assertThat(archives).as("compaction wrote archives").isPositive();
            assertThat(journal.bytesOnDisk()).isEqualTo(Files.size(file()) + archives);
        }
    }

    @Test
    void finishedTransactionsAreArchivedWhileRunningOnceEnoughHaveFinished() throws IOException {
        try (FileJournal journal = FileJournal.open(file(), CLOCK, 3)) {
            UUID open = openPurchase(journal);
            finishedPurchase(journal);
            finishedPurchase(journal);
            assertThat(journal.liveTransactions()).isEqualTo(3);
            finishedPurchase(journal);

            assertThat(journal.liveTransactions()).isEqualTo(1);
            assertThat(journal.entries()).extracting(JournalEntry::transaction).containsOnly(open);
            assertThat(transactionsIn(file())).containsOnly(open);
            // Appends go on in the replaced file, numbered on.
            JournalEntry next = journal.append(open, TestSteps.purchaseApproved());
            assertThat(next.sequence()).isEqualTo(9L);
            assertThat(transactionsIn(file())).containsExactly(open, open, open);
        }
    }

    @Test
    void sequenceNumbersGoOnAfterEverythingWasArchived() {
        try (FileJournal journal = FileJournal.open(file(), CLOCK, NEVER)) {
            finishedPurchase(journal);
            finishedPurchase(journal);
        }
        try (FileJournal journal = FileJournal.open(file(), CLOCK, NEVER)) {
            assertThat(journal.entries()).isEmpty();
            assertThat(journal.append(UUID.randomUUID(), TestSteps.purchaseStarted()).sequence()).isEqualTo(5L);
        }
    }

    @Test
    void aChargeLeftForTheCardsNextTapStaysLiveUntilItIsClosed() throws IOException {
        UUID waiting = UUID.randomUUID();
        try (FileJournal journal = FileJournal.open(file(), CLOCK, NEVER)) {
            journal.append(waiting, TestSteps.chargeStarted());
            journal.append(waiting, TestSteps.chargeIssued(7, "f1"));
            journal.append(waiting, new StepRecord.ChargeAwaitingCard(7L, "card full"));
            finishedPurchase(journal);
        }
        try (FileJournal journal = FileJournal.open(file(), CLOCK, NEVER)) {
            assertThat(journal.unfinished()).isEmpty();
            assertThat(journal.entries()).extracting(JournalEntry::transaction).containsOnly(waiting).hasSize(3);
            journal.append(waiting, new StepRecord.ChargeCompleted(7, null));
        }
        try (FileJournal journal = FileJournal.open(file(), CLOCK, NEVER)) {
            assertThat(journal.entries()).isEmpty();
        }
        assertThat(transactionsIn(directory.resolve("journal-archive-2.jsonl"))).containsOnly(waiting).hasSize(4);
    }

    @Test
    void theEntryThatClosedAnOpenTransactionsChargeStaysLiveWithIt() {
        UUID stillOpen = UUID.randomUUID();
        UUID closer = UUID.randomUUID();
        try (FileJournal journal = FileJournal.open(file(), CLOCK, NEVER)) {
            journal.append(stillOpen, TestSteps.chargeIssued(9, "f1"));
            journal.append(stillOpen, new StepRecord.ChargeWriting(9));
            journal.append(closer, TestSteps.chargeIssued(9, "f1"));
            journal.append(closer, new StepRecord.ChargeCompleted(9, null));
            journal.compact();
            assertThat(journal.entries()).extracting(JournalEntry::transaction).containsOnly(stillOpen, closer).hasSize(4);
        }
    }

    @ParameterizedTest
    @EnumSource(CompactionPoint.class)
    void aCrashAtAnyPointOfACompactionLosesAndDuplicatesNothing(CompactionPoint crashAt) throws IOException {
        List<UUID> open = new ArrayList<>();
        try (FileJournal journal = FileJournal.open(file(), CLOCK, NEVER)) {
            finishedPurchase(journal);
            open.add(openPurchase(journal));
            finishedPurchase(journal);
            open.add(openPurchase(journal));
        }
        // A first, complete compaction: archive 1 exists before the crashing one.
        try (FileJournal journal = FileJournal.open(file(), CLOCK, NEVER)) {
            finishedPurchase(journal);
            journal.append(open.remove(0), TestSteps.purchaseApproved());
            finishedPurchase(journal);
        }
        List<String> linesBefore = allLines();

        assertThatThrownBy(() -> FileJournal.open(file(), CLOCK, NEVER, point -> {
            if (point == crashAt) {
                throw new SimulatedCrash(point);
            }
        })).isInstanceOf(SimulatedCrash.class);

        try (FileJournal journal = FileJournal.open(file(), CLOCK, NEVER)) {
            assertThat(journal.unfinished()).extracting(JournalEntry::transaction).containsExactlyElementsOf(open);
            List<String> linesAfter = allLines();
            assertThat(linesAfter).as("every line once, in the archives or the live file").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(linesBefore);
            assertThat(transactionsIn(file())).containsOnly(open.get(0));
            JournalEntry next = journal.append(open.get(0), TestSteps.purchaseApproved());
            assertThat(next.sequence()).isEqualTo(linesBefore.size() + 1L);
        }
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void aCrashAfterSomeOfTheArchiveFilesOfOneCompactionLosesAndDuplicatesNothing() throws IOException {
        UUID open;
        try (FileJournal journal = FileJournal.open(file(), CLOCK, NEVER)) {
            for (int i = 0; i < 5; i++) {
                finishedPurchase(journal);
            }
            open = openPurchase(journal);
        }
        List<String> linesBefore = allLines();
        int[] archivesInPlace = {0};

        assertThatThrownBy(() -> FileJournal.open(file(), CLOCK, NEVER, 3, point -> {
            if (point == CompactionPoint.ARCHIVE_IN_PLACE && ++archivesInPlace[0] == 2) {
                throw new SimulatedCrash(point);
            }
        })).isInstanceOf(SimulatedCrash.class);
        assertThat(directory.resolve("journal-archive-2.jsonl")).exists();

        try (FileJournal journal = FileJournal.open(file(), CLOCK, NEVER, 3, FileJournal.CompactionHook.NONE)) {
            assertThat(journal.unfinished()).extracting(JournalEntry::transaction).containsExactly(open);
            assertThat(allLines()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(linesBefore);
            assertThat(transactionsIn(file())).containsOnly(open);
            assertThat(journal.append(open, TestSteps.purchaseApproved()).sequence()).isEqualTo(linesBefore.size() + 1L);
        }
    }

    @Test
    void aHundredThousandFinishedTransactionsLeaveTheLiveFileAndMemoryWithTheOpenOnesOnly() throws IOException {
        // An old journal that never compacted: 100,000 finished purchases, three open ones among them.
        StringBuilder text = new StringBuilder();
        long sequence = 0;
        List<UUID> open = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            UUID transaction = UUID.randomUUID();
            text.append(line(++sequence, transaction, Step.PURCHASE_STARTED));
            if (i % 40_000 == 7) {
                open.add(transaction);
            } else {
                text.append(line(++sequence, transaction, Step.PURCHASE_APPROVED));
            }
        }
        Files.writeString(file(), text, StandardCharsets.UTF_8);

        try (FileJournal journal = FileJournal.open(file(), CLOCK)) {
            assertThat(journal.liveTransactions()).isEqualTo(3);
            assertThat(journal.entries()).hasSize(3);
        }
        assertThat(Files.readAllLines(file())).hasSize(3);
        long archived = 0;
        for (int n = 1; n <= 20; n++) {
            archived += Files.readAllLines(directory.resolve("journal-archive-" + n + ".jsonl")).size();
        }
        assertThat(archived).as("in files of 10,000 lines").isEqualTo(sequence - 3);

        // Opening again reads three lines and archives nothing more.
        try (FileJournal journal = FileJournal.open(file(), CLOCK)) {
            assertThat(journal.unfinished()).extracting(JournalEntry::transaction).containsExactlyElementsOf(open);
        }
        assertThat(directory.resolve("journal-archive-21.jsonl")).doesNotExist();
    }

    private static String line(long sequence, UUID transaction, Step step) {
        return "{\"sequence\":" + sequence + ",\"at\":\"2026-11-30T09:00:00Z\",\"transaction\":\"" + transaction
                + "\",\"step\":\"" + step + "\",\"fields\":{}}\n";
    }

    private List<String> allLines() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path path : files.filter(path -> path.getFileName().toString().endsWith(".jsonl")).toList()) {
                lines.addAll(Files.readAllLines(path));
            }
        }
        return lines;
    }

    private static List<UUID> transactionsIn(Path path) throws IOException {
        return Files.readAllLines(path).stream()
                .map(line -> UUID.fromString(line.replaceAll(".*\"transaction\":\"([^\"]+)\".*", "$1")))
                .toList();
    }

    private static UUID openPurchase(Journal journal) {
        UUID transaction = UUID.randomUUID();
        journal.append(transaction, TestSteps.purchaseStarted());
        journal.append(transaction, new StepRecord.PurchaseAuthorized(UUID.randomUUID(), 1));
        return transaction;
    }

    private static UUID finishedPurchase(Journal journal) {
        UUID transaction = UUID.randomUUID();
        journal.append(transaction, TestSteps.purchaseStarted());
        journal.append(transaction, TestSteps.purchaseApproved());
        return transaction;
    }

    private static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash(CompactionPoint point) {
            super("simulated crash at " + point);
        }
    }
}

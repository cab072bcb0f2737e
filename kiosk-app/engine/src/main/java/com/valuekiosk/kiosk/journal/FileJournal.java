package com.valuekiosk.kiosk.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.valuekiosk.wire.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A journal in one append-only file of JSON lines, each forced to disk before {@link #append}
 * returns. A power cut can tear only the line being written: on opening, a last line that does
 * not parse is dropped (it was never acknowledged), and everything before it stands.
 *
 * <p><b>Compaction.</b> The live file holds open transactions only, plus the finished ones since
 * the last compaction. On opening, and whenever {@code compactAfter} transactions have finished,
 * the finished ones move to a new archive next to it ({@code journal.jsonl} →
 * {@code journal-archive-1.jsonl}, {@code -2}, …) and the live file is replaced by one holding
 * only what is still open. Order, so that a crash at any point loses and duplicates nothing:
 * <ol>
 *   <li>the archive is written to a temporary file, forced to disk and moved into place (in files of
 *       at most 10,000 lines, so that opening reads little of it);</li>
 *   <li>the open entries are written to {@code journal.jsonl.tmp}, forced to disk, and atomically
 *       moved over the live file; the directory is forced after each move.</li>
 * </ol>
 * A crash between 1 and 2 leaves the finished entries both in the newest archives and in the live
 * file: the next opening recognises them by sequence number and drops them from the live file
 * without archiving them again. A transaction counts as finished when its last step is terminal
 * and no charge it was issued is still open (a charge left for the card's next tap stays live, and
 * so does the entry that closed a charge an open transaction was issued).
 */
public final class FileJournal implements Journal {

    /** Finished transactions the live file collects before they are archived. */
    public static final int DEFAULT_COMPACT_AFTER = 1_000;
    /** Lines per archive file at most: opening reads the newest archive, so it stays small. */
    static final int DEFAULT_ARCHIVE_LINES = 10_000;

    private static final Logger log = LoggerFactory.getLogger(FileJournal.class);
    private static final ObjectMapper JSON = Json.mapper();

    /** The points of a compaction where a crash is simulated in tests. */
    enum CompactionPoint { ARCHIVE_WRITTEN, ARCHIVE_IN_PLACE, LIVE_COPY_WRITTEN, LIVE_REPLACED }

    /** Called at each {@link CompactionPoint}; a test hook throws to simulate a crash there. */
    interface CompactionHook {
        CompactionHook NONE = point -> { };

        void reached(CompactionPoint point) throws IOException;
    }

    private final Path file;
    private final Clock clock;
    private final int compactAfter;
    private final int archiveLines;
    private final CompactionHook hook;
    private final Pattern archiveName;
    private FileChannel channel;
    /** The entries of the live file, oldest first: open transactions and those finished since the last compaction. */
    private List<JournalEntry> entries = new ArrayList<>();
    /** The last step of each transaction in the live file. */
    private final Map<UUID, Step> lastSteps = new HashMap<>();
    private int finishedSinceCompaction;
    private long nextSequence = 1;
    private int newestArchive;
    /** Sequence numbers of the archives the last compaction wrote: a crash may have left them in the live file too. */
    private Set<Long> newestArchiveSequences = Set.of();

    private FileJournal(Path file, Clock clock, int compactAfter, int archiveLines, CompactionHook hook) {
        this.file = file;
        this.clock = clock;
        this.compactAfter = compactAfter;
        this.archiveLines = archiveLines;
        this.hook = hook;
        this.archiveName = Pattern.compile(Pattern.quote(base(file)) + "-archive-(\\d+)" + Pattern.quote(extension(file)));
    }

    public static FileJournal open(Path file, Clock clock) {
        return open(file, clock, DEFAULT_COMPACT_AFTER);
    }

    public static FileJournal open(Path file, Clock clock, int compactAfter) {
        return open(file, clock, compactAfter, CompactionHook.NONE);
    }

    static FileJournal open(Path file, Clock clock, int compactAfter, CompactionHook hook) {
        return open(file, clock, compactAfter, DEFAULT_ARCHIVE_LINES, hook);
    }

    static FileJournal open(Path file, Clock clock, int compactAfter, int archiveLines, CompactionHook hook) {
        if (compactAfter < 1 || archiveLines < 1) {
            throw new IllegalArgumentException("compactAfter and archiveLines must be at least 1: " + compactAfter + ", " + archiveLines);
        }
        Path absolute = file.toAbsolutePath();
        FileJournal journal = new FileJournal(absolute, Objects.requireNonNull(clock), compactAfter, archiveLines,
                Objects.requireNonNull(hook));
        try {
            journal.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal " + absolute, e);
        }
        try {
            journal.compact();
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
        return journal;
    }

    private void load() throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(liveCopy());
        long validLength = 0;
        if (Files.exists(file)) {
            byte[] content = Files.readAllBytes(file);
            int start = 0;
            for (int i = 0; i < content.length; i++) {
                if (content[i] == '\n') {
                    remember(parse(new String(content, start, i - start, StandardCharsets.UTF_8), file));
                    start = i + 1;
                    validLength = start;
                }
            }
            if (start < content.length) {
                log.warn("journal {}: dropping a torn last line of {} bytes (written during a power cut or crash)",
                        file, content.length - start);
            }
        }
        loadNewestArchives();
        finishedSinceCompaction = 0;
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        channel.truncate(validLength);
        channel.position(validLength);
        channel.force(true);
    }

    /**
     * The journal's size on disk: the live file and every archive beside it (for the kiosk's health
     * report; a journal that only grows is a kiosk that someone should look at).
     */
    public long bytesOnDisk() {
        long total = 0;
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(file.getParent())) {
            for (Path sibling : siblings) {
                String name = sibling.getFileName().toString();
                if (sibling.equals(file) || archiveName.matcher(name).matches()) {
                    total += Files.size(sibling);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure the journal in " + file.getParent(), e);
        }
        return total;
    }

    /**
     * Finds the highest archive number, and reads the archives, newest first, whose entries are still
     * in the live file (written by a compaction a crash interrupted before it replaced the live file);
     * the first archive that shares no entry with the live file ends the search. Without a crash that
     * is one archive of at most {@code archiveLines} lines.
     */
    private void loadNewestArchives() throws IOException {
        List<Integer> numbers = new ArrayList<>();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(file.getParent())) {
            for (Path sibling : siblings) {
                String name = sibling.getFileName().toString();
                if (name.endsWith(".tmp") && archiveName.matcher(name.substring(0, name.length() - 4)).matches()) {
                    Files.delete(sibling); // an archive never moved into place: its entries are still in the live file
                    continue;
                }
                Matcher matcher = archiveName.matcher(name);
                if (matcher.matches()) {
                    numbers.add(Integer.parseInt(matcher.group(1)));
                }
            }
        }
        numbers.sort(Collections.reverseOrder());
        newestArchive = numbers.isEmpty() ? 0 : numbers.get(0);
        Set<Long> live = sequences(entries);
        Set<Long> alsoLive = new HashSet<>();
        for (int number : numbers) {
            Path archive = archive(number);
            boolean overlaps = false;
            for (String line : Files.readAllLines(archive, StandardCharsets.UTF_8)) {
                long sequence = parse(line, archive).sequence();
                nextSequence = Math.max(nextSequence, sequence + 1);
                if (live.contains(sequence)) {
                    alsoLive.add(sequence);
                    overlaps = true;
                }
            }
            if (!overlaps) {
                break;
            }
        }
        newestArchiveSequences = alsoLive;
    }

    private static JournalEntry parse(String line, Path file) {
        try {
            return JSON.readValue(line, JournalEntry.class);
        } catch (JsonProcessingException e) {
            // A bad line in the middle is not a torn write: refuse to guess.
            throw new IllegalStateException("journal " + file + " is damaged: a line in the middle does not parse", e);
        }
    }

    private void remember(JournalEntry entry) {
        entries.add(entry);
        Step previous = lastSteps.put(entry.transaction(), entry.step());
        if (entry.step().isTerminal() && (previous == null || !previous.isTerminal())) {
            finishedSinceCompaction++;
        }
        nextSequence = Math.max(nextSequence, entry.sequence() + 1);
    }

    @Override
    public synchronized JournalEntry append(UUID transaction, StepRecord record) {
        JournalEntry entry = new JournalEntry(nextSequence, clock.instant(), transaction, record.step(), record.fields());
        try {
            write(channel, List.of(entry));
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal " + file, e);
        }
        remember(entry);
        if (finishedSinceCompaction >= compactAfter) {
            try {
                compact();
            } catch (RuntimeException e) {
                // The entry is on disk; compaction is tried again after the next finished transactions.
                log.warn("journal {}: compaction failed, the live file keeps its finished entries for now", file, e);
            }
        }
        return entry;
    }

    /**
     * Archives the finished transactions and leaves the live file with the open ones only. Called
     * on opening and after every {@code compactAfter} finished transactions.
     */
    public synchronized void compact() {
        Set<UUID> open = stillOpen(entries);
        List<JournalEntry> kept = new ArrayList<>();
        List<JournalEntry> finished = new ArrayList<>();
        for (JournalEntry entry : entries) {
            if (open.contains(entry.transaction())) {
                kept.add(entry);
            } else if (!newestArchiveSequences.contains(entry.sequence())) {
                finished.add(entry);
            }
        }
        finishedSinceCompaction = 0;
        if (kept.size() == entries.size()) {
            return;
        }
        try {
            Set<Long> archived = new HashSet<>(newestArchiveSequences);
            for (int from = 0; from < finished.size(); from += archiveLines) {
                List<JournalEntry> chunk = finished.subList(from, Math.min(finished.size(), from + archiveLines));
                Path archive = archive(newestArchive + 1);
                Path temporary = archive.resolveSibling(archive.getFileName() + ".tmp");
                writeDurably(temporary, chunk);
                hook.reached(CompactionPoint.ARCHIVE_WRITTEN);
                Files.move(temporary, archive, StandardCopyOption.ATOMIC_MOVE);
                forceDirectory();
                newestArchive++;
                archived.addAll(sequences(chunk));
                newestArchiveSequences = archived;
                hook.reached(CompactionPoint.ARCHIVE_IN_PLACE);
            }
            writeDurably(liveCopy(), kept);
            hook.reached(CompactionPoint.LIVE_COPY_WRITTEN);
            Files.move(liveCopy(), file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory();
            FileChannel previous = channel;
            channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ);
            channel.position(channel.size());
            previous.close();
            hook.reached(CompactionPoint.LIVE_REPLACED);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compact the journal " + file, e);
        }
        entries = kept;
        newestArchiveSequences = Set.of(); // none of them is in the live file any more
        lastSteps.keySet().retainAll(open);
        log.info("journal {}: {} finished entries archived, {} open entries kept", file, finished.size(), kept.size());
    }

    /**
     * Transactions still open: the last step is not terminal, or a charge they were issued is not
     * yet completed or cancelled; plus the ones that closed a charge an open transaction was issued
     * (so that {@code Recovery.openChargesFor} still sees it closed).
     */
    static Set<UUID> stillOpen(List<JournalEntry> entries) {
        Map<UUID, Step> last = new LinkedHashMap<>();
        Map<String, Set<UUID>> issuers = new HashMap<>();
        Map<String, Set<UUID>> closers = new HashMap<>();
        for (JournalEntry entry : entries) {
            last.put(entry.transaction(), entry.step());
            String chargeId = entry.field("chargeId");
            if (chargeId == null) {
                continue;
            }
            if (entry.step() == Step.CHARGE_ISSUED) {
                issuers.computeIfAbsent(chargeId, id -> new HashSet<>()).add(entry.transaction());
            } else if (entry.step() == Step.CHARGE_COMPLETED || entry.step() == Step.CHARGE_CANCELLED) {
                closers.computeIfAbsent(chargeId, id -> new HashSet<>()).add(entry.transaction());
            }
        }
        Set<UUID> open = new HashSet<>();
        last.forEach((transaction, step) -> {
            if (!step.isTerminal()) {
                open.add(transaction);
            }
        });
        issuers.forEach((chargeId, transactions) -> {
            if (!closers.containsKey(chargeId)) {
                open.addAll(transactions);
            }
        });
        issuers.forEach((chargeId, transactions) -> {
            if (closers.containsKey(chargeId) && transactions.stream().anyMatch(open::contains)) {
                open.addAll(closers.get(chargeId));
            }
        });
        return open;
    }

    private static Set<Long> sequences(List<JournalEntry> entries) {
        Set<Long> sequences = new HashSet<>();
        for (JournalEntry entry : entries) {
            sequences.add(entry.sequence());
        }
        return sequences;
    }

    private static void writeDurably(Path target, List<JournalEntry> lines) throws IOException {
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            write(out, lines);
            out.force(true);
        }
    }

    private static void write(FileChannel out, List<JournalEntry> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (JournalEntry entry : lines) {
            text.append(JSON.writeValueAsString(entry)).append('\n');
        }
        ByteBuffer buffer = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    private void forceDirectory() throws IOException {
        try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    private Path liveCopy() {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    /** The archive with number {@code n}, next to the live file. */
    Path archive(int n) {
        return file.resolveSibling(base(file) + "-archive-" + n + extension(file));
    }

    private static String base(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot) : "";
    }

    /** Every entry in the live file, oldest first: open transactions and those finished since the last compaction. */
    @Override
    public synchronized List<JournalEntry> entries() {
        return Collections.unmodifiableList(new ArrayList<>(entries));
    }

    @Override
    public synchronized List<JournalEntry> unfinished() {
        Map<UUID, JournalEntry> last = new LinkedHashMap<>();
        for (JournalEntry entry : entries) {
            last.put(entry.transaction(), entry);
        }
        return last.values().stream().filter(entry -> !entry.step().isTerminal()).toList();
    }

    @Override
    public synchronized List<JournalEntry> of(UUID transaction) {
        return entries.stream().filter(entry -> entry.transaction().equals(transaction)).toList();
    }

    /** How many transactions the live file holds (open ones plus those finished since the last compaction). */
    public synchronized int liveTransactions() {
        return lastSteps.size();
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            log.warn("closing the journal {} failed", file, e);
        }
    }
}

package com.valuekiosk.kiosk.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.valuekiosk.wire.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A journal in one append-only file of JSON lines, each forced to disk before {@link #append}
 * returns. A power cut can tear only the line being written: on opening, a last line that does
 * not parse is dropped (it was never acknowledged), and everything before it stands.
 */
public final class FileJournal implements Journal {

    private static final Logger log = LoggerFactory.getLogger(FileJournal.class);
    private static final ObjectMapper JSON = Json.mapper();

    private final Path file;
    private final Clock clock;
    private final FileChannel channel;
    private final List<JournalEntry> entries = new ArrayList<>();

    private FileJournal(Path file, Clock clock, FileChannel channel) {
        this.file = file;
        this.clock = clock;
        this.channel = channel;
    }

    public static FileJournal open(Path file, Clock clock) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            List<JournalEntry> existing = new ArrayList<>();
            long validLength = 0;
            if (Files.exists(file)) {
                byte[] content = Files.readAllBytes(file);
                int start = 0;
                for (int i = 0; i < content.length; i++) {
                    if (content[i] == '\n') {
                        existing.add(parse(new String(content, start, i - start, StandardCharsets.UTF_8), file));
                        start = i + 1;
                        validLength = start;
                    }
                }
                if (start < content.length) {
                    log.warn("journal {}: dropping a torn last line of {} bytes (written during a power cut or crash)",
                            file, content.length - start);
                }
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            channel.truncate(validLength);
            channel.position(validLength);
            channel.force(true);
            FileJournal journal = new FileJournal(file, clock, channel);
            journal.entries.addAll(existing);
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal " + file, e);
        }
    }

    private static JournalEntry parse(String line, Path file) {
        try {
            return JSON.readValue(line, JournalEntry.class);
        } catch (JsonProcessingException e) {
            // A bad line in the middle is not a torn write: refuse to guess.
            throw new IllegalStateException("journal " + file + " is damaged: a line in the middle does not parse", e);
        }
    }

    @Override
    public synchronized JournalEntry append(UUID transaction, Step step, Map<String, String> fields) {
        long sequence = entries.isEmpty() ? 1 : entries.get(entries.size() - 1).sequence() + 1;
        JournalEntry entry = new JournalEntry(sequence, clock.instant(), transaction, step, fields);
        try {
            byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal " + file, e);
        }
        entries.add(entry);
        return entry;
    }

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

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            log.warn("closing the journal {} failed", file, e);
        }
    }
}

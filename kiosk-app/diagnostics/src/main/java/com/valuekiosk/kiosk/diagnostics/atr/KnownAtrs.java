package com.valuekiosk.kiosk.diagnostics.atr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * pcsc-tools' list of known ATRs ({@code smartcard_list.txt}, Debian package {@code pcsc-tools}, at
 * {@link #DEFAULT_PATH}): an ATR as a regular expression on its spaced upper-case hex ("3B 8F 80 01 .. 4F"), then
 * one or more lines that start with a tab and describe the card. {@link #namesOf} answers every description whose
 * expression matches the whole ATR, as {@code pcsc_scan} does.
 */
public final class KnownAtrs {

    public static final Path DEFAULT_PATH = Path.of("/usr/share/pcsc/smartcard_list.txt");

    /** One entry: the ATR expression as written and its description lines. */
    public record Entry(String expression, Pattern pattern, List<String> description) {
    }

    private final Path source;
    private final List<Entry> entries;

    private KnownAtrs(Path source, List<Entry> entries) {
        this.source = source;
        this.entries = List.copyOf(entries);
    }

    /** No list: every ATR is unknown. */
    public static KnownAtrs none() {
        return new KnownAtrs(null, List.of());
    }

    /** The list at {@code file}; {@link #none()} when there is no such file (pcsc-tools not installed). */
    public static KnownAtrs loadIfPresent(Path file) {
        return Files.isRegularFile(file) ? load(file) : none();
    }

    public static KnownAtrs load(Path file) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the known-ATR list " + file, e);
        }
    }

    /** The list's text, line by line; an expression that is not a valid regular expression is left out. */
    public static KnownAtrs parse(List<String> lines, Path source) {
        List<Entry> entries = new ArrayList<>();
        String expression = null;
        Pattern pattern = null;
        List<String> description = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            if (line.startsWith("\t")) {
                if (pattern != null) {
                    description.add(line.strip());
                }
                continue;
            }
            if (pattern != null) {
                entries.add(new Entry(expression, pattern, List.copyOf(description)));
            }
            expression = line.strip();
            description.clear();
            try {
                pattern = Pattern.compile(expression, Pattern.CASE_INSENSITIVE);
            } catch (PatternSyntaxException e) {
                pattern = null;
            }
        }
        if (pattern != null) {
            entries.add(new Entry(expression, pattern, List.copyOf(description)));
        }
        return new KnownAtrs(source, entries);
    }

    /** Every description of a matching entry, in the list's order; empty when the card is not known. */
    public List<String> namesOf(Atr atr) {
        Objects.requireNonNull(atr, "atr");
        String text = atr.hex().toUpperCase(Locale.ROOT);
        List<String> names = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.pattern().matcher(text).matches()) {
                names.addAll(entry.description());
            }
        }
        return names;
    }

    public int size() {
        return entries.size();
    }

    /** Where the list was read from, or "(none)". */
    public String source() {
        return source == null ? "(none)" : source.toString();
    }
}

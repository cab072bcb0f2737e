package com.valuekiosk.kiosk.app.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loading, apart from what the values mean: one Java properties file in UTF-8, each key at most once, every key
 * one of the {@code known} ones (a typo gets the nearest key suggested), no empty values. {@link KioskConfig}
 * then checks the values themselves.
 */
final class ConfigFile {

    private final Path file;
    private final Map<String, String> values;

    private ConfigFile(Path file, Map<String, String> values) {
        this.file = file;
        this.values = values;
    }

    static ConfigFile read(Path file, List<String> known) {
        Objects.requireNonNull(file, "file");
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new KioskConfigException("configuration file", absolute + " does not exist or is not a file");
        }
        Map<String, String> values = parse(absolute);
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            String key = unknown.iterator().next();
            throw new KioskConfigException(key, "unknown setting" + nearest(key, known)
                    .map(k -> " (did you mean " + k + "?)")
                    .orElse("; the settings are: " + String.join(", ", known)));
        }
        return new ConfigFile(absolute, values);
    }

    /** The file, absolute. */
    Path file() {
        return file;
    }

    /** Relative paths in the file are relative to this directory. */
    Path directory() {
        return file.getParent();
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    /** The value, stripped; empty when the key is absent. An empty value is refused: the default needs no line. */
    Optional<String> optional(String key) {
        String value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isEmpty()) {
            throw new KioskConfigException(key, "has no value; give one or remove the line for the default");
        }
        return Optional.of(value);
    }

    String required(String key) {
        return optional(key).orElseThrow(() -> new KioskConfigException(key, "is required and missing"));
    }

    private static Map<String, String> parse(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        Properties properties = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                if (values.containsKey(key.toString())) {
                    throw new KioskConfigException(key.toString(), "is set twice in " + file + "; keep one line");
                }
                values.put(key.toString(), value.toString().strip());
                return super.put(key, value);
            }
        };
        try (InputStream in = Files.newInputStream(file);
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                     .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))) {
            properties.load(reader);
        } catch (CharacterCodingException e) {
            throw new KioskConfigException("configuration file", file + " is not UTF-8 text");
        } catch (IllegalArgumentException e) {
            throw new KioskConfigException("configuration file", file + " is not a properties file: " + e.getMessage());
        } catch (IOException e) {
            throw new KioskConfigException("configuration file", "cannot read " + file + ": " + e.getMessage());
        }
        return values;
    }

    /** A known key at most two edits away from a mistyped one. */
    private static Optional<String> nearest(String key, List<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : known) {
            int distance = editDistance(key.toLowerCase(Locale.ROOT), candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

package com.valuekiosk.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Message bundles read as the text files they are, for the localisation tests of the kiosk and of the demo's
 * card panel: the raw keys in file order (a duplicate stays visible, which {@code ResourceBundle} would hide),
 * the entries, the key constants of a keys class, the arguments of a text, the sources that must use the keys.
 */
public final class BundleFiles {

    private BundleFiles() {
    }

    /** Every line of {@code bundle}'s file for {@code language} ({@code a.b.messages} → {@code /a/b/messages_ja.properties}). */
    public static List<String> lines(String bundle, Locale language) throws IOException {
        String resource = "/" + bundle.replace('.', '/') + "_" + language.getLanguage() + ".properties";
        try (InputStream in = BundleFiles.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** The keys of the file in order, duplicates included. */
    public static List<String> keys(String bundle, Locale language) throws IOException {
        return lines(bundle, language).stream().map(BundleFiles::keyOf).filter(key -> key != null).toList();
    }

    /** Key → text; a later duplicate overwrites, so compare with {@link #keys} to see duplicates. */
    public static Map<String, String> entries(String bundle, Locale language) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String line : lines(bundle, language)) {
            String key = keyOf(line);
            if (key != null) {
                entries.put(key, line.substring(line.indexOf('=') + 1));
            }
        }
        return entries;
    }

    /** The public static String constants of {@code keys}. */
    public static List<Field> keyConstants(Class<?> keys) {
        List<Field> constants = new ArrayList<>();
        for (Field field : keys.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && field.getType() == String.class) {
                constants.add(field);
            }
        }
        return constants;
    }

    /** How many arguments a MessageFormat text takes. */
    public static int arguments(String pattern) {
        return new MessageFormat(pattern).getFormatsByArgumentIndex().length;
    }

    /** Every Java source under {@code root} but the keys class's own file, as one text to search for uses. */
    public static String sourcesExcept(Path root, String keysFileName) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java") && !f.getFileName().toString().equals(keysFileName))
                    .map(BundleFiles::read).collect(Collectors.joining("\n"));
        }
    }

    private static String keyOf(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
            return null;
        }
        assertThat(trimmed).as("one key=value per line, no continuation lines").contains("=").doesNotEndWith("\\");
        return trimmed.substring(0, trimmed.indexOf('=')).strip();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package com.valuekiosk.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.kiosk.flow.FlowError;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * JabRef's LocalizationConsistencyTest for the kiosk: every language has a bundle; both bundles hold the
 * same keys, each once; the keys are exactly those the screens use ({@link Keys} constants that some
 * source refers to, and the two texts of every {@link FlowError}); every text is a valid MessageFormat with
 * the same arguments in every language.
 */
class LocalizationConsistencyTest {

    private static final Path MAIN_SOURCES = Path.of("src/main/java");

    @Test
    void everyLanguageHasABundleWithoutFallback() {
        for (Locale language : Messages.LANGUAGES) {
            assertThat(Messages.load(language).getLocale().getLanguage()).isEqualTo(language.getLanguage());
        }
    }

    @Test
    void noBundleHasADuplicateKey() throws IOException {
        for (Locale language : Messages.LANGUAGES) {
            List<String> keys = new ArrayList<>(entries(language).keySet());
            List<String> all = lines(language).stream().map(LocalizationConsistencyTest::keyOf).filter(k -> k != null).toList();
            assertThat(all).as("keys of %s", language).doesNotHaveDuplicates().containsExactlyElementsOf(keys);
        }
    }

    @Test
    void bothBundlesHoldExactlyTheKeysTheScreensUse() throws Exception {
        Set<String> used = usedKeys();
        for (Locale language : Messages.LANGUAGES) {
            Set<String> present = new TreeSet<>(entries(language).keySet());
            assertThat(present).as("missing in %s", language).containsAll(used);
            assertThat(used).as("unused keys in %s", language).containsAll(present);
        }
    }

    @Test
    void everyKeyConstantIsUsedBySomeScreen() throws Exception {
        String sources;
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            sources = files.filter(f -> f.toString().endsWith(".java") && !f.getFileName().toString().equals("Keys.java"))
                    .map(LocalizationConsistencyTest::read).collect(Collectors.joining("\n"));
        }
        for (Field constant : keyConstants()) {
            boolean used = sources.contains("Keys." + constant.getName());
            assertThat(used).as("Keys.%s is used nowhere", constant.getName()).isTrue();
        }
    }

    @Test
    void everyErrorHasWhatHappenedAndWhatToDoNextInEveryLanguage() throws IOException {
        for (Locale language : Messages.LANGUAGES) {
            Map<String, String> texts = entries(language);
            for (FlowError error : FlowError.values()) {
                assertThat(texts.get(Keys.errorWhat(error))).as("%s %s", language, error).isNotBlank();
                assertThat(texts.get(Keys.errorNext(error))).as("%s %s", language, error).isNotBlank();
            }
        }
    }

    @Test
    void textsAreMessageFormatsWithTheSameArgumentsInEveryLanguage() throws IOException {
        Map<String, String> english = entries(Messages.ENGLISH);
        Map<String, String> japanese = entries(Messages.JAPANESE);
        for (String key : english.keySet()) {
            for (String text : List.of(english.get(key), japanese.get(key))) {
                assertThat(text).as("%s: write ’ for an apostrophe (MessageFormat eats ')", key).doesNotContain("'");
            }
            assertThat(arguments(japanese.get(key))).as(key).isEqualTo(arguments(english.get(key)));
        }
        assertThat(japanese.get(Keys.MENU_PURCHASE)).isEqualTo("クレジットカードでVALUEを購入");
        assertThat(new MessageFormat(japanese.get(Keys.CONFIRM_AVAILABLE)).format(new Object[] {"¥2,000"}))
                .isEqualTo("チャージ可能額：¥2,000");
    }

    private static int arguments(String pattern) {
        return new MessageFormat(pattern).getFormatsByArgumentIndex().length;
    }

    private static Set<String> usedKeys() throws IllegalAccessException {
        Set<String> used = new TreeSet<>();
        for (Field constant : keyConstants()) {
            used.add((String) constant.get(null));
        }
        for (FlowError error : FlowError.values()) {
            used.add(Keys.errorWhat(error));
            used.add(Keys.errorNext(error));
        }
        return used;
    }

    private static List<Field> keyConstants() {
        List<Field> constants = new ArrayList<>();
        for (Field field : Keys.class.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && field.getType() == String.class) {
                constants.add(field);
            }
        }
        return constants;
    }

    private static Map<String, String> entries(Locale language) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String line : lines(language)) {
            String key = keyOf(line);
            if (key != null) {
                entries.put(key, line.substring(line.indexOf('=') + 1));
            }
        }
        return entries;
    }

    private static String keyOf(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
            return null;
        }
        assertThat(trimmed).as("one key=value per line, no continuation lines").contains("=").doesNotEndWith("\\");
        return trimmed.substring(0, trimmed.indexOf('=')).strip();
    }

    private static List<String> lines(Locale language) throws IOException {
        String resource = "/" + Messages.BUNDLE.replace('.', '/') + "_" + language.getLanguage() + ".properties";
        try (InputStream in = LocalizationConsistencyTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

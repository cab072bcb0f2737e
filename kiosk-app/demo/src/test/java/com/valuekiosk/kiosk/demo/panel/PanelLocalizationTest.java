package com.valuekiosk.kiosk.demo.panel;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.kiosk.ui.Messages;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * kiosk-ui's LocalizationConsistencyTest for the card panel's own bundles: every language of the kiosk has one;
 * both hold the same keys, each once; the keys are exactly the {@link PanelKeys} constants, each used by the panel;
 * every text is a valid MessageFormat with the same arguments in every language.
 */
class PanelLocalizationTest {

    private static final Path MAIN_SOURCES = Path.of("src/main/java");

    @Test
    void everyLanguageOfTheKioskHasAPanelBundleWithoutFallback() {
        for (Locale language : Messages.LANGUAGES) {
            assertThat(PanelTexts.load(language).getLocale().getLanguage()).isEqualTo(language.getLanguage());
        }
    }

    @Test
    void noBundleHasADuplicateKey() throws IOException {
        for (Locale language : Messages.LANGUAGES) {
            List<String> keys = new ArrayList<>(entries(language).keySet());
            List<String> all = lines(language).stream().map(PanelLocalizationTest::keyOf).filter(k -> k != null).toList();
            assertThat(all).as("keys of %s", language).doesNotHaveDuplicates().containsExactlyElementsOf(keys);
        }
    }

    @Test
    void bothBundlesHoldExactlyTheKeyConstants() throws Exception {
        Set<String> constants = new TreeSet<>();
        for (Field constant : keyConstants()) {
            constants.add((String) constant.get(null));
        }
        for (Locale language : Messages.LANGUAGES) {
            assertThat(new TreeSet<>(entries(language).keySet())).as("keys of %s", language).isEqualTo(constants);
        }
    }

    @Test
    void everyKeyConstantIsUsedByThePanel() throws IOException {
        String sources;
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            sources = files.filter(f -> f.toString().endsWith(".java") && !f.getFileName().toString().equals("PanelKeys.java"))
                    .map(PanelLocalizationTest::read).collect(Collectors.joining("\n"));
        }
        for (Field constant : keyConstants()) {
            assertThat(sources.contains("PanelKeys." + constant.getName())).as("PanelKeys.%s is used nowhere", constant.getName())
                    .isTrue();
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
        assertThat(new MessageFormat(japanese.get(PanelKeys.PANEL_CONTACT_HOLDS)).format(new Object[] {"ICクレジットカード"}))
                .isEqualTo("接触リーダー：ICクレジットカード");
    }

    private static int arguments(String pattern) {
        return new MessageFormat(pattern).getFormatsByArgumentIndex().length;
    }

    private static List<Field> keyConstants() {
        List<Field> constants = new ArrayList<>();
        for (Field field : PanelKeys.class.getDeclaredFields()) {
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
        String resource = "/" + PanelTexts.BUNDLE.replace('.', '/') + "_" + language.getLanguage() + ".properties";
        try (InputStream in = PanelLocalizationTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

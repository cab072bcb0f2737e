package com.valuekiosk.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.kiosk.flow.FlowError;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
            List<String> all = BundleFiles.keys(Messages.BUNDLE, language);
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
        String sources = BundleFiles.sourcesExcept(MAIN_SOURCES, "Keys.java");
        for (Field constant : BundleFiles.keyConstants(Keys.class)) {
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
            assertThat(BundleFiles.arguments(japanese.get(key))).as(key).isEqualTo(BundleFiles.arguments(english.get(key)));
        }
        assertThat(japanese.get(Keys.MENU_PURCHASE)).isEqualTo("クレジットカードでVALUEを購入");
        assertThat(new MessageFormat(japanese.get(Keys.CONFIRM_AVAILABLE)).format(new Object[] {"¥2,000"}))
                .isEqualTo("チャージ可能額：¥2,000");
    }

    private static Set<String> usedKeys() throws IllegalAccessException {
        Set<String> used = new TreeSet<>();
        for (Field constant : BundleFiles.keyConstants(Keys.class)) {
            used.add((String) constant.get(null));
        }
        for (FlowError error : FlowError.values()) {
            used.add(Keys.errorWhat(error));
            used.add(Keys.errorNext(error));
        }
        return used;
    }

    private static Map<String, String> entries(Locale language) throws IOException {
        return BundleFiles.entries(Messages.BUNDLE, language);
    }
}

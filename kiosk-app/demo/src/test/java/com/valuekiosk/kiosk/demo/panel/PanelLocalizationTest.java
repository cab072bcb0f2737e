package com.valuekiosk.kiosk.demo.panel;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.kiosk.ui.BundleFiles;
import com.valuekiosk.kiosk.ui.Messages;
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
            List<String> all = BundleFiles.keys(PanelTexts.BUNDLE, language);
            assertThat(all).as("keys of %s", language).doesNotHaveDuplicates().containsExactlyElementsOf(keys);
        }
    }

    @Test
    void bothBundlesHoldExactlyTheKeyConstants() throws Exception {
        Set<String> constants = new TreeSet<>();
        for (Field constant : BundleFiles.keyConstants(PanelKeys.class)) {
            constants.add((String) constant.get(null));
        }
        for (Locale language : Messages.LANGUAGES) {
            assertThat(new TreeSet<>(entries(language).keySet())).as("keys of %s", language).isEqualTo(constants);
        }
    }

    @Test
    void everyKeyConstantIsUsedByThePanel() throws IOException {
        String sources = BundleFiles.sourcesExcept(MAIN_SOURCES, "PanelKeys.java");
        for (Field constant : BundleFiles.keyConstants(PanelKeys.class)) {
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
            assertThat(BundleFiles.arguments(japanese.get(key))).as(key).isEqualTo(BundleFiles.arguments(english.get(key)));
        }
        assertThat(new MessageFormat(japanese.get(PanelKeys.PANEL_CONTACT_HOLDS)).format(new Object[] {"ICクレジットカード"}))
                .isEqualTo("接触リーダー：ICクレジットカード");
    }

    private static Map<String, String> entries(Locale language) throws IOException {
        return BundleFiles.entries(PanelTexts.BUNDLE, language);
    }
}

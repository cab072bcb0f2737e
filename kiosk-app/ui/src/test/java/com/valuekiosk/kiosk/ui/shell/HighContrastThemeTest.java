package com.valuekiosk.kiosk.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.kiosk.ui.Styles;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The high-contrast theme restyles every style class the screens use, so no screen keeps a low-contrast part. */
class HighContrastThemeTest {

    @Test
    void everyStyleClassHasARuleInBothThemes() throws Exception {
        String kiosk = css(Styles.KIOSK_CSS);
        String highContrast = css(Styles.HIGH_CONTRAST_CSS);
        int classes = 0;
        for (Field constant : Styles.class.getDeclaredFields()) {
            if (!Modifier.isStatic(constant.getModifiers()) || constant.getType() != String.class || constant.getName().endsWith("_CSS")) {
                continue;
            }
            String styleClass = (String) constant.get(null);
            Pattern selector = Pattern.compile("\\." + Pattern.quote(styleClass) + "(?![\\w-])");
            assertThat(selector.matcher(kiosk).find()).as("kiosk.css has .%s", styleClass).isTrue();
            assertThat(selector.matcher(highContrast).find()).as("high-contrast.css has .%s", styleClass).isTrue();
            classes++;
        }
        assertThat(classes).isGreaterThan(20);
    }

    private static String css(String resource) throws IOException {
        try (InputStream in = Styles.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

package com.valuekiosk.kiosk.demo.panel;

import com.valuekiosk.kiosk.ui.Messages;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;

/**
 * The card panel's texts in the kiosk's current language: the panel's own bundles
 * ({@code com/valuekiosk/kiosk/demo/panel/panel_*.properties}), following the language of the kiosk's
 * {@link Messages}, so that the language buttons on the kiosk screen re-label the panel too.
 */
public final class PanelTexts {

    public static final String BUNDLE = "com.valuekiosk.kiosk.demo.panel.panel";

    private final Messages kiosk;

    public PanelTexts(Messages kiosk) {
        this.kiosk = Objects.requireNonNull(kiosk, "kiosk");
    }

    /** The panel's bundle of {@code locale}, without falling back to another language. */
    public static ResourceBundle load(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale, PanelTexts.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The text of {@code key} now, with {@code arguments} put in its {0}, {1}... */
    public String get(String key, Object... arguments) {
        Locale locale = kiosk.locale();
        return new MessageFormat(load(locale).getString(key), locale).format(arguments);
    }

    /** The text of {@code key}, following the kiosk's language. */
    public StringBinding text(String key, Object... arguments) {
        return Bindings.createStringBinding(() -> get(key, arguments), kiosk.localeProperty());
    }

    /** A text computed from the current language and other observable values. */
    public StringBinding text(Supplier<String> compute, Observable... dependencies) {
        Observable[] all = new Observable[dependencies.length + 1];
        all[0] = kiosk.localeProperty();
        System.arraycopy(dependencies, 0, all, 1, dependencies.length);
        return Bindings.createStringBinding(compute::get, all);
    }
}

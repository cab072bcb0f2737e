package com.valuekiosk.kiosk.ui;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The screen texts of the chosen language (bundles {@code com/valuekiosk/assets/i18n/messages_*.properties}
 * in the assets module). Views bind to {@link #text(String, Object...)}: when {@link #setLocale(Locale)}
 * changes the language, every label of every screen re-labels itself.
 */
public final class Messages {

    public static final String BUNDLE = "com.valuekiosk.assets.i18n.messages";
    public static final Locale JAPANESE = Locale.JAPAN;
    public static final Locale ENGLISH = Locale.US;
    /** The languages the kiosk offers, each with a bundle. */
    public static final List<Locale> LANGUAGES = List.of(JAPANESE, ENGLISH);

    private final ReadOnlyObjectWrapper<Locale> locale;
    private ResourceBundle bundle;

    public Messages(Locale initial) {
        locale = new ReadOnlyObjectWrapper<>(this, "locale", supported(initial));
        bundle = load(locale.get());
    }

    public static ResourceBundle load(Locale locale) {
        // No fallback to the JVM's default locale: a missing bundle is an error, not a surprise language.
        return ResourceBundle.getBundle(BUNDLE, locale, Messages.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    private static Locale supported(Locale wanted) {
        Objects.requireNonNull(wanted, "locale");
        for (Locale offered : LANGUAGES) {
            if (offered.getLanguage().equals(wanted.getLanguage())) {
                return offered;
            }
        }
        throw new IllegalArgumentException("no screen texts for " + wanted);
    }

    public void setLocale(Locale wanted) {
        Locale next = supported(wanted);
        bundle = load(next);
        locale.set(next);
    }

    public Locale locale() {
        return locale.get();
    }

    public ReadOnlyObjectProperty<Locale> localeProperty() {
        return locale.getReadOnlyProperty();
    }

    /** The text of {@code key} now, with {@code arguments} put in its {0}, {1}... */
    public String get(String key, Object... arguments) {
        String pattern = bundle.getString(key);
        return new MessageFormat(pattern, locale.get()).format(arguments);
    }

    /** The text of {@code key}, following the language. */
    public StringBinding text(String key, Object... arguments) {
        return Bindings.createStringBinding(() -> get(key, arguments), locale);
    }

    /** A text computed from the current language and other observable values (amounts, keys chosen by state). */
    public StringBinding text(Supplier<String> compute, Observable... dependencies) {
        Observable[] all = new Observable[dependencies.length + 1];
        all[0] = locale;
        System.arraycopy(dependencies, 0, all, 1, dependencies.length);
        return Bindings.createStringBinding(compute::get, all);
    }
}

package com.valuekiosk.kiosk.ui;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The one navigation model (AtlantaFX {@code MainModel}): a read-only current screen and
 * {@link #navigate(Screen)}. Leaving a screen calls {@link Resettable#reset()} on its view model, which
 * wipes typed PINs, passwords and amounts. FX thread only.
 */
public final class Navigator {

    private final ReadOnlyObjectWrapper<Screen> current = new ReadOnlyObjectWrapper<>(this, "current", Screen.MENU);
    private final Map<Screen, Resettable> screens = new EnumMap<>(Screen.class);

    /** Registers the view model reset when {@code screen} is left. */
    public void register(Screen screen, Resettable viewModel) {
        screens.put(Objects.requireNonNull(screen), Objects.requireNonNull(viewModel));
    }

    public void navigate(Screen next) {
        Objects.requireNonNull(next, "next");
        Screen leaving = current.get();
        if (leaving != next) {
            Resettable left = screens.get(leaving);
            if (left != null) {
                left.reset();
            }
        }
        current.set(next);
    }

    public ReadOnlyObjectProperty<Screen> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public Screen current() {
        return current.get();
    }
}

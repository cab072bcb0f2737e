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

    /**
     * Back to the menu with every screen's view model reset, not only the one left: what the idle timeout
     * does, so that the next person finds nothing typed or shown by the last one.
     */
    public void home() {
        screens.values().forEach(Resettable::reset);
        current.set(Screen.MENU);
    }

    public ReadOnlyObjectProperty<Screen> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public Screen current() {
        return current.get();
    }
}

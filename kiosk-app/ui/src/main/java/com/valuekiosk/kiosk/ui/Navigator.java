package com.valuekiosk.kiosk.ui;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The one navigation model (AtlantaFX {@code MainModel}): a read-only current screen and
 * {@link #navigate(Screen)}. Leaving a screen calls {@link Resettable#reset()} on its view model, which
 * wipes typed PINs, passwords and amounts. The processes that keep a transaction open across screens are
 * registered too ({@link Settleable}): the idle timeout reaches them through here, and knows no screen.
 * Screens never know each other: they navigate by {@link Screen}. FX thread only.
 */
public final class Navigator {

    private final ReadOnlyObjectWrapper<Screen> current = new ReadOnlyObjectWrapper<>(this, "current", Screen.MENU);
    private final Map<Screen, Resettable> screens = new EnumMap<>(Screen.class);
    private final List<Settleable> processes = new ArrayList<>();
    private Supplier<Screen> menuGate = () -> Screen.MENU;

    /** Registers the view model reset when {@code screen} is left. */
    public void register(Screen screen, Resettable viewModel) {
        screens.put(Objects.requireNonNull(screen), Objects.requireNonNull(viewModel));
    }

    /** Registers a process the idle timeout settles before the kiosk goes home. */
    public void register(Settleable process) {
        processes.add(Objects.requireNonNull(process));
    }

    /**
     * What the kiosk shows when it goes to the menu ({@link #navigate} to MENU, {@link #home()}): the menu, or a
     * screen that must come first — a card left in the slot is asked for ({@code takecard/}).
     */
    public void gateMenu(Supplier<Screen> gate) {
        menuGate = Objects.requireNonNull(gate, "gate");
    }

    public void navigate(Screen wanted) {
        Objects.requireNonNull(wanted, "next");
        Screen next = wanted == Screen.MENU ? menuGate.get() : wanted;
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
        current.set(menuGate.get());
    }

    /** Whether a process waits on the screen shown for something only the person can do ({@link Settleable#holdsScreen()}). */
    public boolean holdsScreen() {
        return processes.stream().anyMatch(Settleable::holdsScreen);
    }

    /**
     * The idle timeout: every process settles what it has open ({@link Settleable#settleForIdle()}), each one.
     *
     * @return true when the kiosk may go {@link #home()}; false when a process shows what comes next
     */
    public boolean settleForIdle() {
        boolean home = true;
        for (Settleable process : processes) {
            home &= process.settleForIdle();
        }
        return home;
    }

    public ReadOnlyObjectProperty<Screen> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public Screen current() {
        return current.get();
    }
}

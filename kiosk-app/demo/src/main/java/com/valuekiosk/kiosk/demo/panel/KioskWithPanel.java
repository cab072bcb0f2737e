package com.valuekiosk.kiosk.demo.panel;

import com.valuekiosk.kiosk.ui.KioskUi;
import com.valuekiosk.kiosk.ui.Styles;
import java.util.Objects;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * Demo / usability mode (R-UT1): the kiosk screen as the normal kiosk shows it, with the card panel beside
 * it. The kiosk's own root goes into this layout, so use either this or {@link KioskUi#scene()}, not both.
 */
public final class KioskWithPanel {

    private KioskWithPanel() {
    }

    /** The kiosk's root on the left, the panel on the right. */
    public static Parent root(KioskUi kiosk, CardPanel panel) {
        Objects.requireNonNull(kiosk, "kiosk");
        Objects.requireNonNull(panel, "panel");
        HBox both = new HBox(kiosk.root(), panel.root());
        HBox.setHgrow(kiosk.root(), Priority.ALWAYS);
        return both;
    }

    /** The width of the kiosk's screen and the panel side by side. */
    public static final double WIDTH = KioskUi.WIDTH + CardPanel.WIDTH;
    public static final double HEIGHT = KioskUi.HEIGHT;

    /** A scene of {@link #root}: the kiosk's size plus the panel's width, the kiosk's theme. */
    public static Scene scene(KioskUi kiosk, CardPanel panel) {
        Scene scene = themed(new Scene(root(kiosk, panel), WIDTH, HEIGHT));
        kiosk.focusCurrentScreen();
        return scene;
    }

    /**
     * The demo's window content for a display of {@code available} size (the screen's visual bounds, less a title
     * bar): {@link #root} at its size when it fits, else scaled down as a whole to fit, and to fit again when the
     * window is resized.
     */
    public static Scene sceneFitting(KioskUi kiosk, CardPanel panel, Rectangle2D available) {
        ScaledToFit fitted = new ScaledToFit(root(kiosk, panel), WIDTH, HEIGHT);
        double factor = Math.min(1, Math.min(available.getWidth() / WIDTH, (available.getHeight() - TITLE_BAR) / HEIGHT));
        Scene scene = themed(new Scene(fitted, Math.floor(WIDTH * factor), Math.floor(HEIGHT * factor)));
        kiosk.focusCurrentScreen(); // the menu's first service, not the header's first button
        return scene;
    }

    /** Room left for a window manager's title bar. */
    private static final double TITLE_BAR = 40;

    private static Scene themed(Scene scene) {
        scene.getStylesheets().add(Objects.requireNonNull(KioskWithPanel.class.getResource(Styles.KIOSK_CSS), "kiosk.css")
                .toExternalForm());
        return scene;
    }
}

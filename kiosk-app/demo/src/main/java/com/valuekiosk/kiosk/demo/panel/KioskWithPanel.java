package com.valuekiosk.kiosk.demo.panel;

import com.valuekiosk.kiosk.ui.KioskUi;
import com.valuekiosk.kiosk.ui.Styles;
import java.util.Objects;
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

    /** A scene of {@link #root}: the kiosk's size plus the panel's width, the kiosk's theme. */
    public static Scene scene(KioskUi kiosk, CardPanel panel) {
        Scene scene = new Scene(root(kiosk, panel), KioskUi.WIDTH + CardPanel.WIDTH, KioskUi.HEIGHT);
        scene.getStylesheets().add(Objects.requireNonNull(KioskWithPanel.class.getResource(Styles.KIOSK_CSS), "kiosk.css")
                .toExternalForm());
        return scene;
    }
}

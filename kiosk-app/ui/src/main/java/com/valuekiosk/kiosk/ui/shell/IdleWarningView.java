package com.valuekiosk.kiosk.ui.shell;

import static com.valuekiosk.kiosk.ui.controls.Views.button;
import static com.valuekiosk.kiosk.ui.controls.Views.label;

import com.valuekiosk.kiosk.ui.Keys;
import com.valuekiosk.kiosk.ui.Messages;
import com.valuekiosk.kiosk.ui.Styles;
import com.valuekiosk.kiosk.ui.View;
import com.valuekiosk.kiosk.ui.controls.Views;
import javafx.scene.Parent;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** "Are you still there?" over the screen. Node ids: idle-warning, idle-countdown, idle-continue. */
public final class IdleWarningView implements View {

    private final StackPane root;

    public IdleWarningView(IdleTimeout model, Messages messages) {
        VBox dialog = Views.screen(Styles.DIALOG);
        dialog.getChildren().addAll(
                label(messages.text(Keys.IDLE_QUESTION), Styles.SCREEN_TITLE),
                label("idle-countdown", messages.text(() -> messages.get(Keys.IDLE_COUNTDOWN, model.secondsLeftProperty().get()),
                        model.secondsLeftProperty()), Styles.INSTRUCTION),
                button("idle-continue", messages.text(Keys.IDLE_CONTINUE), model::stillHere, Styles.PRIMARY_BUTTON));
        dialog.setMaxSize(760, VBox.USE_PREF_SIZE);
        root = new StackPane(dialog);
        root.setId("idle-warning");
        root.getStyleClass().add(Styles.OVERLAY);
    }

    @Override
    public Parent root() {
        return root;
    }
}

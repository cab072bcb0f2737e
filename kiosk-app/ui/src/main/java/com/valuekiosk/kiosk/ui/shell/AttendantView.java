package com.valuekiosk.kiosk.ui.shell;

import static com.valuekiosk.kiosk.ui.controls.Views.button;
import static com.valuekiosk.kiosk.ui.controls.Views.label;

import com.valuekiosk.kiosk.ui.Keys;
import com.valuekiosk.kiosk.ui.Messages;
import com.valuekiosk.kiosk.ui.Styles;
import com.valuekiosk.kiosk.ui.TypedDigits;
import com.valuekiosk.kiosk.ui.View;
import com.valuekiosk.kiosk.ui.controls.NumericKeypad;
import com.valuekiosk.kiosk.ui.controls.Views;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The attendant screen, over the kiosk's screens. Node ids: attendant-screen, attendant-code, attendant-status,
 * attendant-leave, attendant-diagnostics (when the kiosk offers them), attendant-back, and the keypad's key-*.
 */
public final class AttendantView implements View {

    private final StackPane root;

    public AttendantView(AttendantViewModel model, Messages messages) {
        Button codeField = new Button();
        codeField.setId("attendant-code");
        codeField.getStyleClass().addAll(Styles.INPUT_FIELD, Styles.INPUT_FIELD_ACTIVE);
        codeField.setMaxWidth(Double.MAX_VALUE);
        codeField.textProperty().bind(Bindings.createStringBinding(
                () -> String.valueOf(TypedDigits.CIRCLE).repeat(model.codeLengthProperty().get()), model.codeLengthProperty()));
        codeField.accessibleTextProperty().bind(messages.text(() -> messages.get(Keys.A11Y_CODE_FIELD,
                model.codeLengthProperty().get()), model.codeLengthProperty()));
        Label status = label("attendant-status", messages.text(() -> model.statusKeyProperty().get() == null ? ""
                : messages.get(model.statusKeyProperty().get()), model.statusKeyProperty()), Styles.WARNING_TEXT);

        Button leave = button("attendant-leave", messages.text(Keys.ATTENDANT_LEAVE), model::leave, Styles.PRIMARY_BUTTON);
        leave.disableProperty().bind(model.canLeaveProperty().not());
        leave.setMaxWidth(Double.MAX_VALUE);
        Button diagnostics = button("attendant-diagnostics", messages.text(Keys.ATTENDANT_DIAGNOSTICS), model::diagnostics,
                Styles.SECONDARY_BUTTON);
        diagnostics.disableProperty().bind(model.canLeaveProperty().not());
        diagnostics.setMaxWidth(Double.MAX_VALUE);
        diagnostics.visibleProperty().bind(model.diagnosticsOfferedProperty());
        diagnostics.managedProperty().bind(model.diagnosticsOfferedProperty());
        VBox fields = new VBox(12, label(messages.text(Keys.ATTENDANT_CODE), Styles.FIELD_LABEL), codeField, status);
        fields.setPrefWidth(420);
        VBox right = new VBox(20, new NumericKeypad(messages, model::type, model::deleteLast, model::clear), leave, diagnostics);
        HBox body = new HBox(48, fields, right);
        body.setAlignment(Pos.TOP_CENTER);
        HBox bottom = new HBox(button("attendant-back", messages.text(Keys.ATTENDANT_BACK), model::back, Styles.SECONDARY_BUTTON));

        VBox dialog = Views.screen(Styles.DIALOG);
        dialog.getChildren().addAll(label(messages.text(Keys.ATTENDANT_TITLE), Styles.SCREEN_TITLE),
                label(messages.text(Keys.ATTENDANT_INSTRUCTION), Styles.INSTRUCTION), body, bottom);
        dialog.setMaxSize(1000, VBox.USE_PREF_SIZE);
        root = new StackPane(dialog);
        root.setId("attendant-screen");
        root.getStyleClass().add(Styles.OVERLAY);
    }

    @Override
    public Parent root() {
        return root;
    }
}

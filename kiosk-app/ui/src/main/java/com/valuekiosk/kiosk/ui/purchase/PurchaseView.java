package com.valuekiosk.kiosk.ui.purchase;

import static com.valuekiosk.kiosk.ui.controls.Views.button;
import static com.valuekiosk.kiosk.ui.controls.Views.label;

import com.valuekiosk.kiosk.ui.Keys;
import com.valuekiosk.kiosk.ui.Messages;
import com.valuekiosk.kiosk.ui.Money;
import com.valuekiosk.kiosk.ui.Styles;
import com.valuekiosk.kiosk.ui.TypedDigits;
import com.valuekiosk.kiosk.ui.UiSettings;
import com.valuekiosk.kiosk.ui.View;
import com.valuekiosk.kiosk.ui.controls.NumericKeypad;
import com.valuekiosk.kiosk.ui.controls.Views;
import com.valuekiosk.kiosk.ui.purchase.PurchaseViewModel.Field;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** FIG. 9B. Node ids: pin-field, amount-field, preset-N (N in minor units), transmit, back-to-menu, key-*. */
public final class PurchaseView implements View {

    private final VBox root;

    public PurchaseView(PurchaseViewModel model, Messages messages, UiSettings settings) {
        Button pinField = field("pin-field", Field.PIN, model);
        pinField.textProperty().bind(Bindings.createStringBinding(
                () -> String.valueOf(TypedDigits.CIRCLE).repeat(model.pinLengthProperty().get()), model.pinLengthProperty()));
        Button amountField = field("amount-field", Field.AMOUNT, model);
        amountField.textProperty().bind(messages.text(() -> model.amountValue().get() == 0 ? ""
                : Money.format(model.amountValue().get(), settings.currency(), messages.locale()), model.amountValue()));
        // Screen readers: the count of PIN digits, not the circles; the amount with its field's name.
        pinField.accessibleTextProperty().bind(messages.text(() -> messages.get(Keys.A11Y_PIN_FIELD,
                model.pinLengthProperty().get()), model.pinLengthProperty()));
        amountField.accessibleTextProperty().bind(messages.text(() -> model.amountValue().get() == 0
                ? messages.get(Keys.A11Y_AMOUNT_EMPTY)
                : messages.get(Keys.A11Y_AMOUNT_FIELD, amountField.getText()), amountField.textProperty()));

        FlowPane presets = new FlowPane(12, 12);
        for (long preset : settings.presets()) {
            Button presetButton = button("preset-" + preset,
                    messages.text(() -> Money.format(preset, settings.currency(), messages.locale())),
                    () -> model.choosePreset(preset), Styles.PRESET_BUTTON);
            presetButton.accessibleTextProperty().bind(messages.text(() -> messages.get(Keys.A11Y_PRESET,
                    Money.format(preset, settings.currency(), messages.locale()))));
            presets.getChildren().add(presetButton);
        }

        VBox fields = new VBox(12,
                label(messages.text(Keys.PURCHASE_PIN), Styles.FIELD_LABEL), pinField,
                label(messages.text(Keys.PURCHASE_AMOUNT), Styles.FIELD_LABEL), amountField,
                label(messages.text(Keys.PURCHASE_PRESETS), Styles.SECONDARY_TEXT), presets);
        fields.setPrefWidth(620);

        Button transmit = button("transmit", messages.text(Keys.COMMON_TRANSMIT), model::transmit, Styles.PRIMARY_BUTTON);
        transmit.disableProperty().bind(model.canTransmitProperty().not());
        Button menu = button("back-to-menu", messages.text(Keys.COMMON_MENU), model::backToMenu, Styles.SECONDARY_BUTTON);
        NumericKeypad keypad = new NumericKeypad(messages, model::type, model::deleteLast, model::clear);
        VBox right = new VBox(20, keypad, transmit);
        right.setAlignment(Pos.TOP_CENTER);
        transmit.setMaxWidth(Double.MAX_VALUE);

        HBox body = new HBox(48, fields, right);
        body.setAlignment(Pos.TOP_CENTER);
        HBox bottom = new HBox(menu);
        bottom.setAlignment(Pos.CENTER_LEFT);

        root = Views.screen(Styles.SCREEN);
        root.getChildren().addAll(
                label(messages.text(Keys.PURCHASE_TITLE), Styles.SCREEN_TITLE),
                label("purchase-instruction", messages.text(Keys.PURCHASE_INSTRUCTION), Styles.INSTRUCTION),
                body, Views.spacer(), bottom);
    }

    private static Button field(String id, Field field, PurchaseViewModel model) {
        Button button = new Button();
        button.setId(id);
        button.getStyleClass().add(Styles.INPUT_FIELD);
        button.setMaxWidth(Double.MAX_VALUE);
        button.setOnAction(e -> model.select(field));
        Runnable mark = () -> {
            button.getStyleClass().remove(Styles.INPUT_FIELD_ACTIVE);
            if (model.activeFieldProperty().get() == field) {
                button.getStyleClass().add(Styles.INPUT_FIELD_ACTIVE);
            }
        };
        model.activeFieldProperty().addListener((o, was, now) -> mark.run());
        mark.run();
        return button;
    }

    @Override
    public Parent root() {
        return root;
    }
}

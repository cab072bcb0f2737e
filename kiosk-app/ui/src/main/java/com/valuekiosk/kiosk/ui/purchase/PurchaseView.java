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
import com.valuekiosk.kiosk.ui.controls.CardPictogram;
import com.valuekiosk.kiosk.ui.controls.NumericKeypad;
import com.valuekiosk.kiosk.ui.controls.Views;
import com.valuekiosk.kiosk.ui.purchase.PurchaseViewModel.Field;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * FIG. 9B (screen-purchase: its accessible help is the instruction). Node ids: variant-ic-card, variant-contactless-credit, variant-combo, variant-phone (how the person pays,
 * FIG. 14A–14C), card-credit, card-emoney (each card: "✓ …" in place, or what to do),
 * pin-field, amount-field, preset-N (N in minor units), transmit, transmit-hint (what TRANSMIT waits for),
 * back-to-menu, key-*.
 */
public final class PurchaseView implements View {

    private static final char CHECK_MARK = '\u2713';
    private static final double TRANSMIT_WIDTH = 280;
    private static final double FIELDS_MAX_WIDTH = 600;
    private static final double CARD_ROW_HEIGHT = 60;
    private static final double PICTURE_SIZE = 64;

    private final VBox root;
    private final Button pinField;

    public PurchaseView(PurchaseViewModel model, Messages messages, UiSettings settings) {
        pinField = field("pin-field", Field.PIN, model);
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

        HBox presets = new HBox(10);
        for (long preset : settings.presets()) {
            Button presetButton = button("preset-" + preset,
                    messages.text(() -> Money.format(preset, settings.currency(), messages.locale())),
                    () -> model.choosePreset(preset), Styles.PRESET_BUTTON, Styles.PRESET_BUTTON_COMPACT);
            presetButton.accessibleTextProperty().bind(messages.text(() -> messages.get(Keys.A11Y_PRESET,
                    Money.format(preset, settings.currency(), messages.locale()))));
            presetButton.setMaxWidth(Double.MAX_VALUE);
            presetButton.setWrapText(false); // an amount is one word: never "¥1,00" over "0"
            presetButton.setMinWidth(Region.USE_PREF_SIZE);
            HBox.setHgrow(presetButton, javafx.scene.layout.Priority.ALWAYS);
            presets.getChildren().add(presetButton);
        }

        VBox fields = new VBox(8,
                label(messages.text(Keys.PURCHASE_PIN), Styles.FIELD_LABEL), pinField,
                label("amount-limits", messages.text(() -> messages.get(Keys.PURCHASE_AMOUNT,
                        Money.format(model.sale().minimumPurchase(), settings.currency(), messages.locale()),
                        Money.format(model.sale().maximumPurchase(), settings.currency(), messages.locale()))),
                        Styles.FIELD_LABEL), amountField, presets);
        HBox.setHgrow(fields, javafx.scene.layout.Priority.ALWAYS);
        fields.setMaxWidth(FIELDS_MAX_WIDTH);

        Button transmit = button("transmit", messages.text(Keys.COMMON_TRANSMIT), model::transmit, Styles.PRIMARY_BUTTON);
        transmit.disableProperty().bind(model.canTransmitProperty().not());
        Button menu = button("back-to-menu", messages.text(Keys.COMMON_MENU), model::backToMenu, Styles.SECONDARY_BUTTON);
        NumericKeypad keypad = new NumericKeypad(messages, model::type, model::deleteLast, model::clear);
        keypad.setMinWidth(Region.USE_PREF_SIZE); // the keys keep their size; the fields give way
        String minimum = Money.format(model.sale().minimumPurchase(), settings.currency(), messages.locale());
        String maximum = Money.format(model.sale().maximumPurchase(), settings.currency(), messages.locale());
        Label hint = label("transmit-hint", messages.text(() -> model.transmitHintKey().get() == null ? ""
                : messages.get(model.transmitHintKey().get(), minimum, maximum), model.transmitHintKey()), Styles.WARNING_TEXT);
        hint.setWrapText(true);
        hint.setMaxWidth(Double.MAX_VALUE);
        hint.setAlignment(Pos.CENTER_RIGHT);
        hint.setTextAlignment(javafx.scene.text.TextAlignment.RIGHT);
        HBox.setHgrow(hint, javafx.scene.layout.Priority.ALWAYS);
        transmit.setMinWidth(TRANSMIT_WIDTH);
        menu.setMinWidth(Region.USE_PREF_SIZE);

        HBox body = new HBox(32, fields, keypad);
        body.setAlignment(Pos.TOP_CENTER);
        // TRANSMIT at the bottom right, what it waits for just before it.
        HBox bottom = new HBox(24, menu, hint, transmit);
        bottom.setAlignment(Pos.CENTER_LEFT);

        root = Views.screen(Styles.SCREEN, Styles.SCREEN_DENSE);
        // The instruction of the way of paying: spoken when the screen opens (ScreenGuidance), and what a screen
        // reader says of the screen; on the screen each card's row and each field say their part.
        root.accessibleHelpProperty().bind(messages.text(() -> messages.get(model.variantProperty().get().instructionKey()),
                model.variantProperty()));
        root.getChildren().addAll(variants(model, messages), cardRows(model, messages, settings.motion()), body,
                Views.spacer(), bottom);
    }

    /** FIG. 9B / 14A / 14B / 14C: one toggle per way of paying; the chosen one stays selected. */
    private static HBox variants(PurchaseViewModel model, Messages messages) {
        ToggleGroup group = new ToggleGroup();
        HBox row = new HBox(10);
        row.setAlignment(Pos.CENTER_LEFT);
        Label question = label(messages.text(Keys.PURCHASE_VARIANT_TITLE), Styles.SECONDARY_TEXT);
        question.setMinWidth(Region.USE_PREF_SIZE);
        row.getChildren().add(question);
        for (PaymentVariant variant : PaymentVariant.values()) {
            ToggleButton button = new ToggleButton();
            button.setId("variant-" + variant.id());
            button.textProperty().bind(messages.text(variant.nameKey()));
            button.getStyleClass().add(Styles.VARIANT_BUTTON);
            button.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(button, javafx.scene.layout.Priority.ALWAYS);
            button.setToggleGroup(group);
            button.setSelected(model.variantProperty().get() == variant);
            button.setOnAction(e -> {
                model.choose(variant);
                button.setSelected(true); // a second touch keeps it chosen
            });
            model.variantProperty().addListener((o, was, now) -> button.setSelected(now == variant));
            row.getChildren().add(button);
        }
        return row;
    }

    /**
     * The cards side by side under the way of paying, where the person looks first: each with a moving picture of
     * where it goes (slot or pad, card or phone) while it is missing.
     */
    private static HBox cardRows(PurchaseViewModel model, Messages messages, boolean motion) {
        Label credit = cardRow("card-credit", model.creditRowProperty(), messages);
        Label emoney = cardRow("card-emoney", model.emoneyRowProperty(), messages);
        for (Label row : new Label[] {credit, emoney}) {
            row.setWrapText(true);
            row.setMinWidth(0);
            row.setPrefWidth(0); // half the width each, however long either text is
            row.setMaxWidth(Double.MAX_VALUE);
            // Two lines each, always: a wrapping label's height is not known before its width, and the fields
            // below must not jump when a text changes.
            row.setMinHeight(CARD_ROW_HEIGHT);
            row.setPrefHeight(CARD_ROW_HEIGHT);
            row.setAlignment(Pos.TOP_LEFT);
            HBox.setHgrow(row, javafx.scene.layout.Priority.ALWAYS);
        }
        HBox creditBox = new HBox(8, picture(model, model.creditRowProperty(), true, motion), credit);
        HBox emoneyBox = new HBox(8, picture(model, model.emoneyRowProperty(), false, motion), emoney);
        for (HBox box : new HBox[] {creditBox, emoneyBox}) {
            box.setMinWidth(0);
            box.setPrefWidth(0); // half the width each
            box.setMaxWidth(Double.MAX_VALUE);
            box.setAlignment(Pos.CENTER_LEFT);
            HBox.setHgrow(box, javafx.scene.layout.Priority.ALWAYS);
            HBox.setHgrow(box.getChildren().get(1), javafx.scene.layout.Priority.ALWAYS);
        }
        emoneyBox.visibleProperty().bind(model.emoneyRowProperty().isNotNull());
        emoneyBox.managedProperty().bind(emoneyBox.visibleProperty());
        return new HBox(24, creditBox, emoneyBox);
    }

    /** Where the card of this row goes, for the way of paying chosen; shown while the card is missing. */
    private static javafx.scene.layout.StackPane picture(PurchaseViewModel model,
                                                         ReadOnlyObjectProperty<PurchaseViewModel.CardRow> row,
                                                         boolean creditRow, boolean motion) {
        javafx.scene.layout.StackPane holder = new javafx.scene.layout.StackPane();
        holder.setMinSize(PICTURE_SIZE, PICTURE_SIZE * 0.8);
        holder.setPrefSize(PICTURE_SIZE, PICTURE_SIZE * 0.8);
        Runnable draw = () -> holder.getChildren().setAll(CardPictogram.scaled(motionOf(model.variantProperty().get(),
                creditRow), motion, PICTURE_SIZE / CardPictogram.WIDTH));
        model.variantProperty().addListener((o, was, now) -> draw.run());
        draw.run();
        holder.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> row.get() != null && !row.get().inPlace(), row));
        return holder;
    }

    private static CardPictogram.Motion motionOf(PaymentVariant variant, boolean creditRow) {
        return switch (variant) {
            case IC_CREDIT_CARD -> creditRow ? CardPictogram.Motion.INSERT : CardPictogram.Motion.TAP;
            case PHONE -> creditRow ? CardPictogram.Motion.INSERT : CardPictogram.Motion.PHONE;
            case CONTACTLESS_CREDIT_CARD, COMBO_CARD -> CardPictogram.Motion.TAP;
        };
    }

    /** "✓ IC credit card inserted" or "Insert your IC credit card…"; hidden when the variant has no such card. */
    private static Label cardRow(String id, ReadOnlyObjectProperty<PurchaseViewModel.CardRow> row, Messages messages) {
        Label label = label(id, messages.text(() -> {
            PurchaseViewModel.CardRow shown = row.get();
            if (shown == null) {
                return "";
            }
            return (shown.inPlace() ? CHECK_MARK + " " : "") + messages.get(shown.textKey());
        }, row));
        Runnable mark = () -> {
            label.getStyleClass().removeAll(Styles.CARD_IN_PLACE, Styles.CARD_MISSING, Styles.CARD_WRONG);
            PurchaseViewModel.CardRow shown = row.get();
            if (shown != null) {
                label.getStyleClass().add(shown.inPlace() ? Styles.CARD_IN_PLACE
                        : shown.wrong() ? Styles.CARD_WRONG : Styles.CARD_MISSING);
            }
        };
        row.addListener((o, was, now) -> mark.run());
        mark.run();
        label.visibleProperty().bind(row.isNotNull());
        label.managedProperty().bind(label.visibleProperty());
        return label;
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

    @Override
    public Optional<Node> initialFocus() {
        return Optional.of(pinField);
    }
}

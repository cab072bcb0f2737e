package com.valuekiosk.kiosk.ui.chargeup;

import static com.valuekiosk.kiosk.ui.controls.Views.button;
import static com.valuekiosk.kiosk.ui.controls.Views.label;

import com.valuekiosk.kiosk.ui.Keys;
import com.valuekiosk.kiosk.ui.Messages;
import com.valuekiosk.kiosk.ui.Styles;
import com.valuekiosk.kiosk.ui.TypedDigits;
import com.valuekiosk.kiosk.ui.View;
import com.valuekiosk.kiosk.ui.controls.NumericKeypad;
import com.valuekiosk.kiosk.ui.UiSettings;
import com.valuekiosk.kiosk.ui.controls.CardPictogram;
import com.valuekiosk.kiosk.ui.controls.Views;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * FIG. 10A. Node ids: chargeup-instruction (place the card, take it away and tap again, or enter the password),
 * password-field, password-wrong, password-transmit. The card's arrival on the reader starts the charge-up.
 */
public final class ChargeUpView implements View {

    private final VBox root;

    public ChargeUpView(ChargeUpViewModel model, Messages messages, UiSettings settings) {
        Label instruction = label("chargeup-instruction", messages.text(() -> messages.get(instructionKey(model)),
                model.passwordNeededProperty(), model.lingeringProperty(), model.notEmoneyProperty()), Styles.INSTRUCTION);

        Button passwordField = new Button();
        passwordField.setId("password-field");
        passwordField.getStyleClass().addAll(Styles.INPUT_FIELD, Styles.INPUT_FIELD_ACTIVE);
        passwordField.textProperty().bind(Bindings.createStringBinding(
                () -> String.valueOf(TypedDigits.CIRCLE).repeat(model.passwordLengthProperty().get()),
                model.passwordLengthProperty()));
        passwordField.accessibleTextProperty().bind(messages.text(() -> messages.get(Keys.A11Y_PASSWORD_FIELD,
                model.passwordLengthProperty().get()), model.passwordLengthProperty()));
        Label wrong = label("password-wrong", messages.text(Keys.CHARGE_UP_PASSWORD_WRONG), Styles.WARNING_TEXT);
        wrong.visibleProperty().bind(model.passwordWrongProperty());
        Button transmit = button("password-transmit", messages.text(Keys.COMMON_TRANSMIT), model::transmit,
                Styles.PRIMARY_BUTTON);
        transmit.disableProperty().bind(model.canTransmitProperty().not());
        transmit.setMinWidth(Region.USE_PREF_SIZE);
        showOnlyWhen(transmit, true, model);
        VBox fields = new VBox(12, label(messages.text(Keys.CHARGE_UP_PASSWORD), Styles.FIELD_LABEL), passwordField, wrong);
        fields.setPrefWidth(520);
        HBox password = new HBox(48, fields, new NumericKeypad(messages, model::type, model::deleteLast, model::clear));
        password.setAlignment(Pos.TOP_CENTER);
        showOnlyWhen(password, true, model);

        // TRANSMIT at the bottom right, as on the purchase screen.
        HBox bottom = new HBox(24, button("back-to-menu", messages.text(Keys.COMMON_MENU), model::backToMenu,
                Styles.SECONDARY_BUTTON), Views.spacer(), transmit);
        root = Views.screen(Styles.SCREEN);
        // While it waits for the card: a card held over the pad.
        Node picture = CardPictogram.scaled(CardPictogram.Motion.TAP, settings.motion(), 1.4);
        showOnlyWhen(picture, false, model);
        root.getChildren().addAll(label(messages.text(Keys.CHARGE_UP_TITLE), Styles.SCREEN_TITLE), instruction,
                picture, password, Views.spacer(), bottom);
    }

    private static String instructionKey(ChargeUpViewModel model) {
        if (model.passwordNeededProperty().get()) {
            return Keys.CHARGE_UP_PASSWORD_INSTRUCTION;
        }
        if (model.notEmoneyProperty().get()) {
            return Keys.CHARGE_UP_NOT_EMONEY;
        }
        return model.lingeringProperty().get() ? Keys.CHARGE_UP_REMOVE_AND_TAP_AGAIN : Keys.CHARGE_UP_PLACE_CARD;
    }

    private static void showOnlyWhen(Node node, boolean passwordNeeded, ChargeUpViewModel model) {
        node.visibleProperty().bind(passwordNeeded ? model.passwordNeededProperty() : model.passwordNeededProperty().not());
        node.managedProperty().bind(node.visibleProperty());
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public Optional<Node> initialFocus() {
        return Optional.of(root); // placing the card is the action, and the keypad types without focus
    }
}

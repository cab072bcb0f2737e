package com.valuekiosk.kiosk.ui.chargeup;

import static com.valuekiosk.kiosk.ui.controls.Views.button;
import static com.valuekiosk.kiosk.ui.controls.Views.label;

import com.valuekiosk.kiosk.ui.Keys;
import com.valuekiosk.kiosk.ui.Messages;
import com.valuekiosk.kiosk.ui.Money;
import com.valuekiosk.kiosk.ui.Styles;
import com.valuekiosk.kiosk.ui.UiSettings;
import com.valuekiosk.kiosk.ui.View;
import com.valuekiosk.kiosk.ui.controls.Views;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** FIG. 10B. Node ids: confirm-available, confirm-balances, confirm-over-maximum, confirm-yes, confirm-no, confirm-no-meaning. */
public final class ConfirmView implements View {

    private final VBox root;

    public ConfirmView(ConfirmViewModel model, Messages messages, UiSettings settings) {
        HBox answers = new HBox(48,
                button("confirm-yes", messages.text(Keys.COMMON_YES), model::yes, Styles.PRIMARY_BUTTON),
                button("confirm-no", messages.text(Keys.COMMON_NO), model::no, Styles.SECONDARY_BUTTON));
        answers.setAlignment(Pos.CENTER);
        Label balances = label("confirm-balances", messages.text(() -> messages.get(Keys.CONFIRM_BALANCES,
                        Money.format(model.balanceBeforeProperty().get(), settings.currency(), messages.locale()),
                        Money.format(model.balanceAfter(), settings.currency(), messages.locale())),
                model.balanceBeforeProperty(), model.availableProperty()), Styles.INSTRUCTION);
        Label overMaximum = label("confirm-over-maximum", messages.text(() -> messages.get(Keys.CONFIRM_OVER_MAXIMUM,
                        Money.format(model.maximumBalanceProperty().get(), settings.currency(), messages.locale())),
                model.maximumBalanceProperty()), Styles.WARNING_TEXT);
        overMaximum.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(model::overMaximum,
                model.balanceBeforeProperty(), model.availableProperty(), model.maximumBalanceProperty()));
        overMaximum.managedProperty().bind(overMaximum.visibleProperty());
        Label whatNoDoes = label("confirm-no-meaning", messages.text(Keys.CONFIRM_NO_MEANING), Styles.SECONDARY_TEXT);
        root = Views.screen(Styles.SCREEN, Styles.SCREEN_CENTERED);
        root.getChildren().addAll(
                label("confirm-available", messages.text(() -> messages.get(Keys.CONFIRM_AVAILABLE,
                        Money.format(model.availableProperty().get(), settings.currency(), messages.locale())),
                        model.availableProperty()), Styles.BIG_TEXT),
                balances, overMaximum,
                label(messages.text(Keys.CONFIRM_QUESTION), Styles.SCREEN_TITLE),
                answers, whatNoDoes);
    }

    @Override
    public Parent root() {
        return root;
    }
}

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
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.Parent;
import javafx.scene.layout.VBox;

/**
 * FIG. 10C (node ids completed-charged, completed-balance) or, built with {@link #keptForLater}, the
 * "kept for later" screen (kept-text). Both end with back-to-menu.
 */
public final class CompletedView implements View {

    private final VBox root;

    private CompletedView(CompletedViewModel model, Messages messages, Parent... content) {
        root = Views.screen(Styles.SCREEN, Styles.SCREEN_CENTERED);
        root.getChildren().addAll(content);
        root.getChildren().add(button("back-to-menu", messages.text(Keys.COMMON_MENU), model::backToMenu,
                Styles.PRIMARY_BUTTON));
    }

    public static CompletedView completed(CompletedViewModel model, Messages messages, UiSettings settings) {
        return new CompletedView(model, messages,
                label("completed-charged", amount(messages, settings, Keys.COMPLETED_CHARGED, model.chargedProperty()),
                        Styles.BIG_TEXT),
                label("completed-balance", amount(messages, settings, Keys.COMPLETED_BALANCE, model.balanceAfterProperty()),
                        Styles.SCREEN_TITLE),
                label(messages.text(Keys.COMPLETED_TAKE_CARD), Styles.INSTRUCTION));
    }

    public static CompletedView keptForLater(CompletedViewModel model, Messages messages, UiSettings settings) {
        return new CompletedView(model, messages,
                label(messages.text(Keys.KEPT_TITLE), Styles.BIG_TEXT),
                label("kept-text", amount(messages, settings, Keys.KEPT_TEXT, model.keptProperty()), Styles.INSTRUCTION));
    }

    private static ObservableValue<String> amount(Messages messages, UiSettings settings, String key, ReadOnlyLongProperty value) {
        return messages.text(() -> messages.get(key, Money.format(value.get(), settings.currency(), messages.locale())), value);
    }

    @Override
    public Parent root() {
        return root;
    }
}

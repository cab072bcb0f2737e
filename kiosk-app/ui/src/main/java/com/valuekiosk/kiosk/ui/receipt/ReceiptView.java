package com.valuekiosk.kiosk.ui.receipt;

import static com.valuekiosk.kiosk.ui.controls.Views.button;
import static com.valuekiosk.kiosk.ui.controls.Views.label;

import com.valuekiosk.kiosk.ui.Keys;
import com.valuekiosk.kiosk.ui.Messages;
import com.valuekiosk.kiosk.ui.Styles;
import com.valuekiosk.kiosk.ui.View;
import com.valuekiosk.kiosk.ui.controls.Views;
import java.util.Optional;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The receipt. Node ids: receipt-text, receipt-save, receipt-print, receipt-status, receipt-chargeup, back-to-menu. */
public final class ReceiptView implements View {

    private final VBox root;
    private final Button chargeUpNow;

    public ReceiptView(ReceiptViewModel model, Messages messages) {
        Label text = label("receipt-text", messages.text(() -> model.text(messages.locale()).stripTrailing(),
                model.receiptProperty()),
                Styles.RECEIPT_TEXT);
        text.setWrapText(false);
        // The space around gives way, never the receipt.
        text.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        text.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label status = label("receipt-status", messages.text(() -> model.statusKeyProperty().get() == null ? ""
                : messages.get(model.statusKeyProperty().get(), model.savedAsProperty().get()),
                model.statusKeyProperty(), model.savedAsProperty()), Styles.SECONDARY_TEXT);
        chargeUpNow = button("receipt-chargeup", messages.text(Keys.RECEIPT_CHARGE_UP_NOW), model::chargeUpNow,
                Styles.PRIMARY_BUTTON);
        HBox buttons = new HBox(24,
                button("back-to-menu", messages.text(Keys.COMMON_MENU), model::backToMenu, Styles.SECONDARY_BUTTON),
                button("receipt-save", messages.text(Keys.RECEIPT_SAVE), model::save, Styles.SECONDARY_BUTTON),
                printButton(model, messages),
                chargeUpNow);
        buttons.setAlignment(Pos.CENTER);
        root = Views.screen(Styles.SCREEN);
        root.getChildren().addAll(label(messages.text(Keys.RECEIPT_TITLE), Styles.SCREEN_TITLE), text, status,
                Views.spacer(), buttons);
    }

    /** Shown only when the site has a receipt printer; waits while a job is on its way. */
    private static Button printButton(ReceiptViewModel model, Messages messages) {
        Button print = button("receipt-print", messages.text(Keys.RECEIPT_PRINT), model::print, Styles.SECONDARY_BUTTON);
        print.setVisible(model.canPrint());
        print.setManaged(model.canPrint());
        print.disableProperty().bind(model.printingProperty());
        return print;
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public Optional<Node> initialFocus() {
        return Optional.of(chargeUpNow); // what the person came for: the VALUE onto the card
    }
}

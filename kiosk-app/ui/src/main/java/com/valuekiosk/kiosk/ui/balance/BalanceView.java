package com.valuekiosk.kiosk.ui.balance;

import static com.valuekiosk.kiosk.ui.controls.Views.button;
import static com.valuekiosk.kiosk.ui.controls.Views.label;

import com.valuekiosk.card.host.PurseLogEntry;
import com.valuekiosk.kiosk.flow.BalanceInquiryFlow;
import com.valuekiosk.kiosk.ui.Keys;
import com.valuekiosk.kiosk.ui.Messages;
import com.valuekiosk.kiosk.ui.Money;
import com.valuekiosk.kiosk.ui.Styles;
import com.valuekiosk.kiosk.ui.View;
import com.valuekiosk.kiosk.ui.UiSettings;
import com.valuekiosk.kiosk.ui.controls.CardPictogram;
import com.valuekiosk.kiosk.ui.controls.Views;
import java.util.Currency;
import java.util.function.Function;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Balance and log, or "place your card" until one is read. Node ids: balance-instruction, balance-card,
 * balance-amount, balance-maximum, balance-log (rows log-0, log-1 …).
 */
public final class BalanceView implements View {

    private final VBox root;
    private final BalanceViewModel model;
    private final VBox log = new VBox(8);

    public BalanceView(BalanceViewModel model, Messages messages, UiSettings settings) {
        this.model = model;
        log.setId("balance-log");
        log.setAlignment(javafx.geometry.Pos.TOP_CENTER);
        root = Views.screen(Styles.SCREEN);
        Label instruction = label("balance-instruction", messages.text(Keys.BALANCE_PLACE_CARD), Styles.INSTRUCTION);
        instruction.visibleProperty().bind(model.balanceProperty().isNull());
        instruction.managedProperty().bind(instruction.visibleProperty());
        Node picture = CardPictogram.scaled(CardPictogram.Motion.TAP, settings.motion(), 1.4);
        picture.visibleProperty().bind(instruction.visibleProperty());
        picture.managedProperty().bind(picture.visibleProperty());
        root.getChildren().addAll(
                label(messages.text(Keys.BALANCE_TITLE), Styles.SCREEN_TITLE),
                instruction, picture,
                label("balance-card", text(model, messages, b -> messages.get(Keys.BALANCE_CARD, b.maskedCard())),
                        Styles.SECONDARY_TEXT),
                label("balance-amount", text(model, messages, b -> messages.get(Keys.BALANCE_AMOUNT,
                        money(b.balance(), b, messages))), Styles.BIG_TEXT),
                label("balance-maximum", text(model, messages, b -> messages.get(Keys.BALANCE_MAXIMUM,
                        money(b.maximumBalance(), b, messages))), Styles.SECONDARY_TEXT),
                shownWithABalance(label(messages.text(Keys.BALANCE_LOG), Styles.FIELD_LABEL), model),
                log,
                Views.spacer(),
                new HBox(button("back-to-menu", messages.text(Keys.COMMON_MENU), model::backToMenu, Styles.PRIMARY_BUTTON)));
        Runnable fillLog = () -> fillLog(model.balanceProperty().get(), messages);
        model.balanceProperty().addListener((o, was, now) -> fillLog.run());
        messages.localeProperty().addListener((o, was, now) -> fillLog.run());
        fillLog.run();
    }

    private static Label shownWithABalance(Label label, BalanceViewModel model) {
        label.visibleProperty().bind(model.balanceProperty().isNotNull());
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    private void fillLog(BalanceInquiryFlow.Balance balance, Messages messages) {
        log.getChildren().clear();
        if (balance == null) {
            return;
        }
        if (balance.log().isEmpty()) {
            log.getChildren().add(new Label(messages.get(Keys.BALANCE_LOG_EMPTY)));
            return;
        }
        int row = 0;
        for (PurseLogEntry entry : balance.log()) {
            Label line = new Label(messages.get(BalanceViewModel.isCredit(entry) ? Keys.BALANCE_CREDIT : Keys.BALANCE_DEBIT,
                    money(entry.amount(), balance, messages), money(entry.balanceAfter(), balance, messages)));
            line.setId("log-" + row++);
            line.getStyleClass().add(Styles.LOG_ROW);
            log.getChildren().add(line);
        }
    }

    private static String money(long amount, BalanceInquiryFlow.Balance balance, Messages messages) {
        return Money.format(amount, Currency.getInstance(balance.currency()), messages.locale());
    }

    private static javafx.beans.value.ObservableValue<String> text(BalanceViewModel model, Messages messages,
                                                                   Function<BalanceInquiryFlow.Balance, String> text) {
        return messages.text(() -> model.balanceProperty().get() == null ? "" : text.apply(model.balanceProperty().get()),
                model.balanceProperty());
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public Optional<Node> initialFocus() {
        return model.balanceProperty().get() == null ? Optional.of(root) : Optional.empty();
    }
}

package com.valuekiosk.kiosk.ui.takecard;

import static com.valuekiosk.kiosk.ui.controls.Views.label;

import com.valuekiosk.kiosk.ui.Keys;
import com.valuekiosk.kiosk.ui.Messages;
import com.valuekiosk.kiosk.ui.Styles;
import com.valuekiosk.kiosk.ui.UiSettings;
import com.valuekiosk.kiosk.ui.View;
import com.valuekiosk.kiosk.ui.controls.CardPictogram;
import com.valuekiosk.kiosk.ui.controls.Views;
import java.util.Objects;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.layout.VBox;

/** "Please take your card", with a card coming out of the slot. No button: taking the card is the action. Node id: take-card-what. */
public final class TakeCardView implements View {

    private final VBox root;

    public TakeCardView(TakeCardViewModel model, Messages messages, UiSettings settings) {
        Objects.requireNonNull(model, "model");
        Node picture = CardPictogram.scaled(CardPictogram.Motion.TAKE_OUT, settings.motion(), 1.6);
        root = Views.screen(Styles.SCREEN, Styles.SCREEN_CENTERED);
        root.getChildren().addAll(picture,
                label("take-card-what", messages.text(Keys.TAKE_CARD_TITLE), Styles.SCREEN_TITLE),
                label(messages.text(Keys.TAKE_CARD_NEXT), Styles.INSTRUCTION));
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public Optional<Node> initialFocus() {
        return Optional.of(root);
    }
}

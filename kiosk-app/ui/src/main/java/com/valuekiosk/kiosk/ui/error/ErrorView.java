package com.valuekiosk.kiosk.ui.error;

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
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Node ids: error-what, error-next, error-retry (only when trying again makes sense), error-menu. */
public final class ErrorView implements View {

    private final VBox root;
    private final Button retry;

    public ErrorView(ErrorViewModel model, Messages messages) {
        var problem = model.problemProperty();
        retry = button("error-retry", messages.text(() -> problem.get().canRetry() ? messages.get(problem.get().retryKey())
                : "", problem), model::tryAgain, Styles.PRIMARY_BUTTON);
        retry.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> problem.get().canRetry(), problem));
        retry.managedProperty().bind(retry.visibleProperty());
        HBox buttons = new HBox(48,
                button("error-menu", messages.text(Keys.COMMON_MENU), model::backToMenu, Styles.SECONDARY_BUTTON), retry);
        buttons.setAlignment(Pos.CENTER);
        root = Views.screen(Styles.SCREEN, Styles.SCREEN_CENTERED);
        root.getChildren().addAll(
                label(messages.text(Keys.ERROR_TITLE), Styles.SCREEN_TITLE),
                label("error-what", messages.text(() -> messages.get(problem.get().whatKey(),
                        problem.get().whatArguments().toArray()), problem), Styles.ERROR_WHAT),
                label("error-next", messages.text(() -> messages.get(problem.get().nextKey()), problem), Styles.INSTRUCTION),
                buttons);
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public Optional<Node> initialFocus() {
        return Optional.of(retry); // "try again" where it makes sense; else the only button, back to the menu
    }
}

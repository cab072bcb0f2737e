package com.valuekiosk.kiosk.ui.processing;

import static com.valuekiosk.kiosk.ui.controls.Views.label;

import com.valuekiosk.kiosk.ui.Keys;
import com.valuekiosk.kiosk.ui.Messages;
import com.valuekiosk.kiosk.ui.Styles;
import com.valuekiosk.kiosk.ui.View;
import com.valuekiosk.kiosk.ui.controls.Views;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;

/** "Reading your card…" and friends; no buttons: the flow decides what comes next. Node id: processing-text. */
public final class ProcessingView implements View {

    private final VBox root;

    public ProcessingView(ProcessingViewModel model, Messages messages) {
        ProgressIndicator indicator = new ProgressIndicator();
        indicator.getStyleClass().add(Styles.PROCESSING_INDICATOR);
        Label keep = label(messages.text(Keys.PROCESSING_KEEP_CARD), Styles.SECONDARY_TEXT);
        keep.visibleProperty().bind(model.keepCardProperty());
        root = Views.screen(Styles.SCREEN, Styles.SCREEN_CENTERED);
        root.getChildren().addAll(indicator,
                label("processing-text", messages.text(() -> messages.get(model.messageKeyProperty().get()),
                        model.messageKeyProperty()), Styles.BIG_TEXT),
                keep);
    }

    @Override
    public Parent root() {
        return root;
    }
}

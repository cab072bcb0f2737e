package com.valuekiosk.kiosk.ui.controls;

import com.valuekiosk.kiosk.ui.Journey;
import com.valuekiosk.kiosk.ui.Keys;
import com.valuekiosk.kiosk.ui.Messages;
import com.valuekiosk.kiosk.ui.Styles;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The steps of the journey under way, under the header: done steps with ✓, the current one highlighted, the
 * rest greyed. Hidden on the menu and the balance inquiry. Node ids: step-bar, step-0, step-1, …
 */
public final class StepBar {

    private static final char CHECK_MARK = '\u2713';

    private StepBar() {
    }

    public static HBox of(Journey journey, Messages messages) {
        HBox bar = new HBox(8);
        bar.setId("step-bar");
        bar.getStyleClass().add(Styles.STEP_BAR);
        bar.setAlignment(Pos.CENTER_LEFT);
        Runnable build = () -> {
            bar.getChildren().clear();
            Journey.Kind kind = journey.kindProperty().get();
            bar.setVisible(kind != null);
            bar.setManaged(kind != null);
            if (kind == null) {
                return;
            }
            List<String> steps = kind.stepKeys();
            for (int index = 0; index < steps.size(); index++) {
                bar.getChildren().add(step(index, steps.get(index), steps.size(), journey, messages));
            }
            bar.accessibleTextProperty().bind(messages.text(() -> messages.get(Keys.A11Y_STEP,
                    journey.stepProperty().get() + 1, steps.size(), messages.get(steps.get(journey.stepProperty().get()))),
                    journey.stepProperty()));
        };
        journey.kindProperty().addListener((o, was, now) -> build.run());
        build.run();
        return bar;
    }

    private static Label step(int index, String key, int count, Journey journey, Messages messages) {
        Label label = new Label();
        label.setId("step-" + index);
        label.setMaxWidth(Double.MAX_VALUE);
        label.setMinWidth(0);
        HBox.setHgrow(label, Priority.ALWAYS);
        label.getStyleClass().add(Styles.STEP);
        label.textProperty().bind(messages.text(() -> {
            boolean done = index < journey.stepProperty().get() || journey.finishedProperty().get();
            return (done ? CHECK_MARK + " " : (index + 1) + "  ") + messages.get(key);
        }, journey.stepProperty(), journey.finishedProperty()));
        Runnable mark = () -> {
            label.getStyleClass().removeAll(Styles.STEP_DONE, Styles.STEP_CURRENT);
            int current = journey.stepProperty().get();
            if (index < current || journey.finishedProperty().get()) {
                label.getStyleClass().add(Styles.STEP_DONE);
            } else if (index == current) {
                label.getStyleClass().add(Styles.STEP_CURRENT);
            }
        };
        journey.stepProperty().addListener((o, was, now) -> mark.run());
        journey.finishedProperty().addListener((o, was, now) -> mark.run());
        mark.run();
        return label;
    }
}

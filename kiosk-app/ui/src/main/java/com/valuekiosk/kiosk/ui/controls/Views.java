package com.valuekiosk.kiosk.ui.controls;

import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Small builders the views share, so that every screen's labels and buttons are made the same way. */
public final class Views {

    private Views() {
    }

    public static Label label(ObservableValue<String> text, String... styleClasses) {
        Label label = new Label();
        label.textProperty().bind(text);
        label.getStyleClass().addAll(styleClasses);
        label.setWrapText(true);
        return label;
    }

    public static Label label(String id, ObservableValue<String> text, String... styleClasses) {
        Label label = label(text, styleClasses);
        label.setId(id);
        return label;
    }

    public static Button button(String id, ObservableValue<String> text, Runnable action, String... styleClasses) {
        Button button = new Button();
        button.setId(id);
        button.textProperty().bind(text);
        button.getStyleClass().addAll(styleClasses);
        button.setOnAction(e -> action.run());
        button.setWrapText(true);
        return button;
    }

    public static VBox screen(String... styleClasses) {
        VBox box = new VBox();
        box.getStyleClass().addAll(styleClasses);
        return box;
    }

    public static Region spacer() {
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        javafx.scene.layout.HBox.setHgrow(spacer, Priority.ALWAYS);
        return spacer;
    }
}

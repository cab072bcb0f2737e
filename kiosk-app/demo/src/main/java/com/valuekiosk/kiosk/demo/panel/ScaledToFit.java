package com.valuekiosk.kiosk.demo.panel;

import java.util.Objects;
import javafx.scene.Parent;
import javafx.scene.layout.Pane;
import javafx.scene.transform.Scale;

/**
 * Lays its content out at its design size and scales it down, never up, to fit what the window gives it,
 * centred. The demo's kiosk screen and card panel (1720 × 800 together) so fit a 1366 × 768 laptop; touches
 * still land on the right control, JavaFX maps them through the scale.
 */
final class ScaledToFit extends Pane {

    private final Parent content;
    private final double designWidth;
    private final double designHeight;
    private final Scale scale = new Scale(1, 1, 0, 0);

    ScaledToFit(Parent content, double designWidth, double designHeight) {
        this.content = Objects.requireNonNull(content, "content");
        this.designWidth = designWidth;
        this.designHeight = designHeight;
        content.getTransforms().add(scale);
        getChildren().add(content);
        getStyleClass().add("scaled-to-fit");
    }

    /** The factor the content is drawn at now (1 when the window is at least the design size). */
    double factor() {
        return scale.getX();
    }

    @Override
    protected void layoutChildren() {
        double factor = Math.min(1, Math.min(getWidth() / designWidth, getHeight() / designHeight));
        scale.setX(factor);
        scale.setY(factor);
        content.resize(designWidth, designHeight);
        content.relocate((getWidth() - designWidth * factor) / 2, (getHeight() - designHeight * factor) / 2);
    }

    @Override
    protected double computePrefWidth(double height) {
        return designWidth;
    }

    @Override
    protected double computePrefHeight(double width) {
        return designHeight;
    }
}

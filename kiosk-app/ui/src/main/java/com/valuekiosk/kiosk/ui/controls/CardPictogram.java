package com.valuekiosk.kiosk.ui.controls;

import com.valuekiosk.kiosk.ui.Styles;
import javafx.animation.Animation;
import javafx.animation.Interpolator;
import javafx.animation.TranslateTransition;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Arc;
import javafx.scene.shape.ArcType;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;

/**
 * A picture of what to do with a card, moving as the person should (charge machines show this, not only
 * sentences): a card going into the slot, coming out of it, or a card or phone held over the contactless pad.
 * Drawn with shapes, so both themes colour it through CSS ({@code pictogram-*} classes). Still when the site
 * turns motion off: the card then stands where the motion ends, so the picture alone says it.
 */
public final class CardPictogram {

    /** What the picture shows. */
    public enum Motion {
        /** An IC card slid into the contact slot. */
        INSERT,
        /** An IC card taken out of the slot. */
        TAKE_OUT,
        /** A card held over the contactless pad. */
        TAP,
        /** A phone held over the contactless pad. */
        PHONE
    }

    public static final double WIDTH = 120;
    public static final double HEIGHT = 96;
    private static final Duration CYCLE = Duration.seconds(1.4);

    private CardPictogram() {
    }

    /** The picture drawn {@code factor} times its size, laid out at that size too (a scaled node in a group). */
    public static Node scaled(Motion motion, boolean moving, double factor) {
        Node picture = of(motion, moving);
        picture.setScaleX(factor);
        picture.setScaleY(factor);
        return new Group(picture);
    }

    /** The picture of {@code motion}, moving when {@code moving}. */
    public static Node of(Motion motion, boolean moving) {
        Pane pane = new Pane();
        pane.getStyleClass().add(Styles.PICTOGRAM);
        pane.setMinSize(WIDTH, HEIGHT);
        pane.setPrefSize(WIDTH, HEIGHT);
        pane.setMaxSize(WIDTH, HEIGHT);
        Node card = motion == Motion.PHONE ? phone() : card();
        boolean slot = motion == Motion.INSERT || motion == Motion.TAKE_OUT;
        Group moving1 = new Group(card);
        if (slot) {
            // The card disappears into the slot: drawn only above the slot's line.
            Rectangle visible = new Rectangle(0, 0, WIDTH, HEIGHT - 18);
            Group clipped = new Group(moving1);
            clipped.setClip(visible);
            pane.getChildren().addAll(clipped, slotShape());
        } else {
            pane.getChildren().addAll(padShape(), waves(), moving1);
        }
        double top = slot ? 6 : 0;
        double bottom = slot ? 44 : 22;
        double from = motion == Motion.TAKE_OUT ? bottom : top;
        double to = motion == Motion.TAKE_OUT ? top : bottom;
        if (!moving) {
            moving1.setTranslateY(motion == Motion.TAKE_OUT ? top : (top + bottom) / 2);
            return pane;
        }
        TranslateTransition move = new TranslateTransition(CYCLE, moving1);
        move.setFromY(from);
        move.setToY(to);
        move.setInterpolator(Interpolator.EASE_BOTH);
        move.setCycleCount(Animation.INDEFINITE);
        move.setAutoReverse(!slot); // held over the pad and lifted; slid in (or out) again and again
        // Runs only while the picture is on a shown screen.
        pane.sceneProperty().addListener((o, was, now) -> {
            if (now == null) {
                move.stop();
            } else {
                move.play();
            }
        });
        pane.visibleProperty().addListener((o, was, shown) -> {
            if (shown && pane.getScene() != null) {
                move.play();
            } else {
                move.pause();
            }
        });
        return pane;
    }

    private static Node card() {
        return new Group(shape(WIDTH / 2 - 24, 4, 48, 32, 8, Styles.PICTOGRAM_CARD),
                shape(WIDTH / 2 - 16, 14, 10, 8, 2, Styles.PICTOGRAM_CHIP));
    }

    private static Node phone() {
        return new Group(shape(WIDTH / 2 - 14, 0, 28, 46, 8, Styles.PICTOGRAM_CARD),
                shape(WIDTH / 2 - 10, 5, 20, 32, 0, Styles.PICTOGRAM_CHIP));
    }

    private static Node slotShape() {
        return shape(WIDTH / 2 - 36, HEIGHT - 18, 72, 10, 6, Styles.PICTOGRAM_READER);
    }

    private static Node padShape() {
        return shape(WIDTH / 2 - 44, HEIGHT - 16, 88, 12, 6, Styles.PICTOGRAM_READER);
    }

    /** A rounded rectangle coloured by the theme's {@code styleClass}. */
    private static Rectangle shape(double x, double y, double width, double height, double arc, String styleClass) {
        Rectangle shape = new Rectangle(x, y, width, height);
        shape.setArcWidth(arc);
        shape.setArcHeight(arc);
        shape.getStyleClass().add(styleClass);
        return shape;
    }

    private static Node waves() {
        Group waves = new Group();
        for (int i = 0; i < 3; i++) {
            double radius = 10 + i * 8;
            Arc arc = new Arc(WIDTH / 2, HEIGHT - 16, radius, radius * 0.5, 30, 120);
            arc.setType(ArcType.OPEN);
            arc.getStyleClass().add(Styles.PICTOGRAM_WAVE);
            waves.getChildren().add(arc);
        }
        return waves;
    }
}

package com.valuekiosk.kiosk.ui.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;

/**
 * What a person would trip over on one screen as laid out now, in words: a control or text cut off by the
 * screen's edge, a text shortened with "…", a touch target under 72 × 72 px, two targets closer than 8 px
 * or overlapping, a button's one word broken over two lines, a text lying over another text or a button. Only what is shown counts: with an overlay up
 * (idle warning, attendant screen) only the overlay; inside a scroll pane only the pane itself.
 */
public final class LayoutAudit {

    /** The smallest touch target, both ways: about 19 mm on a 96 dpi kiosk panel. */
    public static final double MIN_TARGET = 72;
    /** The least space between two touch targets. */
    public static final double MIN_GAP = 8;
    private static final double TOLERANCE = 0.5;

    private final Scene scene;
    private final List<String> problems = new ArrayList<>();
    private final List<ButtonBase> buttons = new ArrayList<>();
    private final List<Labeled> texts = new ArrayList<>();

    private LayoutAudit(Scene scene) {
        this.scene = scene;
    }

    /** The problems of {@code scene} after a CSS and layout pass; empty when there are none. */
    public static List<String> of(Scene scene) {
        Parent root = scene.getRoot();
        for (int pass = 0; pass < 2; pass++) { // a second pass, as the next pulse would: sizes after new CSS
            root.applyCss();
            root.layout();
        }
        LayoutAudit audit = new LayoutAudit(scene);
        Node shown = root;
        if (root instanceof StackPane layers && layers.getChildren().size() > 1) {
            shown = layers.getChildren().get(layers.getChildren().size() - 1); // the overlay on top
        }
        audit.collect(shown);
        audit.check();
        return audit.problems;
    }

    private void collect(Node node) {
        if (!node.isVisible() || node.getOpacity() == 0) {
            return;
        }
        if (node instanceof ButtonBase button) {
            buttons.add(button);
        }
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isBlank()) {
            texts.add(labeled);
        }
        if (node instanceof ScrollPane) {
            return; // its content scrolls: clipped on purpose
        }
        if (node instanceof Parent parent && !(node instanceof Labeled)) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child);
            }
        }
    }

    private void check() {
        for (Labeled labeled : texts) {
            Bounds box = inScene(labeled);
            if (box.getMinX() < -TOLERANCE || box.getMinY() < -TOLERANCE || box.getMaxX() > scene.getWidth() + TOLERANCE
                    || box.getMaxY() > scene.getHeight() + TOLERANCE) {
                problems.add(describe(labeled) + " is cut off by the screen's edge: " + format(box));
            }
            Text shown = shownText(labeled);
            if (shown != null && !shown.getText().equals(labeled.getText())) {
                problems.add(describe(labeled) + " is shortened to \"" + shown.getText().replace('\n', ' ') + "\"");
            }
        }
        for (ButtonBase button : buttons) {
            Text shown = shownText(button);
            String text = button.getText();
            if (shown != null && text != null && !text.isBlank() && text.chars().noneMatch(Character::isWhitespace)
                    && shown.getLayoutBounds().getHeight() > shown.getFont().getSize() * 1.9) {
                problems.add(describe(button) + " breaks inside a word");
            }
            Bounds box = inScene(button);
            if (box.getWidth() < MIN_TARGET - TOLERANCE || box.getHeight() < MIN_TARGET - TOLERANCE) {
                problems.add(describe(button) + " is a touch target of " + size(box) + ", under "
                        + (int) MIN_TARGET + " x " + (int) MIN_TARGET);
            }
        }
        for (int i = 0; i < buttons.size(); i++) {
            for (int j = i + 1; j < buttons.size(); j++) {
                Bounds a = inScene(buttons.get(i));
                Bounds b = inScene(buttons.get(j));
                double gap = Math.max(Math.max(a.getMinX() - b.getMaxX(), b.getMinX() - a.getMaxX()),
                        Math.max(a.getMinY() - b.getMaxY(), b.getMinY() - a.getMaxY()));
                if (gap < MIN_GAP - TOLERANCE) {
                    problems.add(describe(buttons.get(i)) + " and " + describe(buttons.get(j))
                            + (gap < 0 ? " overlap" : String.format(Locale.ROOT, " are %.0f px apart", gap)));
                }
            }
        }
        for (int i = 0; i < texts.size(); i++) {
            Labeled one = texts.get(i);
            if (one instanceof ButtonBase) {
                continue;
            }
            Bounds text = textInScene(one);
            for (ButtonBase button : buttons) {
                if (text.intersects(inScene(button))) {
                    problems.add(describe(one) + " lies under " + describe(button));
                }
            }
            for (int j = i + 1; j < texts.size(); j++) {
                Labeled other = texts.get(j);
                if (!(other instanceof ButtonBase) && text.intersects(textInScene(other))) {
                    problems.add(describe(one) + " and " + describe(other) + " overlap");
                }
            }
        }
    }

    /** The Text node a Labeled's skin draws, or null before it has a skin. */
    private static Text shownText(Labeled labeled) {
        for (Node child : labeled.getChildrenUnmodifiable()) {
            if (child instanceof Text text) {
                return text;
            }
        }
        return null;
    }

    private static Bounds inScene(Node node) {
        return node.localToScene(node.getLayoutBounds());
    }

    /** Where the letters are (a label's box may be wider than its text); shrunk a pixel against rounding. */
    private static Bounds textInScene(Labeled labeled) {
        Text text = shownText(labeled);
        Bounds box = text == null ? inScene(labeled) : text.localToScene(text.getLayoutBounds());
        return new javafx.geometry.BoundingBox(box.getMinX() + 1, box.getMinY() + 1, Math.max(0, box.getWidth() - 2),
                Math.max(0, box.getHeight() - 2));
    }

    private static String describe(Labeled node) {
        String id = node.getId() != null ? "#" + node.getId() : node.getClass().getSimpleName();
        String text = node.getText().replace('\n', ' ');
        return id + " \"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"";
    }

    private static String format(Bounds box) {
        return String.format(Locale.ROOT, "x %.0f..%.0f, y %.0f..%.0f", box.getMinX(), box.getMaxX(), box.getMinY(), box.getMaxY());
    }

    private static String size(Bounds box) {
        return String.format(Locale.ROOT, "%.0f x %.0f", box.getWidth(), box.getHeight());
    }
}

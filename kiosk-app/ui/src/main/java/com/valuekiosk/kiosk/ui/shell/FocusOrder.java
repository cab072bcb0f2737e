package com.valuekiosk.kiosk.ui.shell;

import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Parent;

/**
 * Where the keyboard focus goes when a screen or overlay appears: its first control in building order
 * (the order Tab follows), so that Enter works at once — the menu's first service, the PIN field, YES.
 */
public final class FocusOrder {

    private FocusOrder() {
    }

    public static void focusFirst(Parent root) {
        first(root).ifPresent(Node::requestFocus);
    }

    /** The first visible, enabled, focus-traversable node below {@code root}, depth first. */
    public static Optional<Node> first(Node node) {
        if (!node.isVisible() || node.isDisabled()) {
            return Optional.empty();
        }
        if (node.isFocusTraversable()) {
            return Optional.of(node);
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                Optional<Node> found = first(child);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}

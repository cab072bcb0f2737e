package com.valuekiosk.kiosk.ui;

import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Parent;

/** A screen's view: the nodes of one {@link Screen}, bound to its view model. */
public interface View {

    Parent root();

    /**
     * Where the keyboard focus goes when the screen appears, asked each time: the screen's main action (so that
     * Enter does what the person came for, never "Back to menu" by default), or {@link #root()} itself where the
     * action is not a button (placing a card). Empty: the first control in building order.
     */
    default Optional<Node> initialFocus() {
        return Optional.empty();
    }
}

package com.valuekiosk.kiosk.ui.shell;

import java.util.Objects;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * A physical keyboard on the kiosk (R-KI2 accessibility): Enter activates the focused button (JavaFX
 * buttons answer only Space), digit keys and the number pad type into the active field, Backspace deletes
 * its last digit, Escape goes back where the screen has a back. Tab / Shift+Tab move the focus as JavaFX
 * does, in the order the screens build their controls.
 */
public final class KeyboardControl {

    private KeyboardControl() {
    }

    /** Listens on {@code root}; {@code target} says where keys go at the moment of the key press. */
    public static void install(Node root, Supplier<KeyboardTarget> target) {
        Objects.requireNonNull(target, "target");
        root.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.isAltDown() || event.isControlDown() || event.isMetaDown() || event.isShortcutDown()) {
                return;
            }
            KeyboardTarget keys = target.get();
            KeyCode code = event.getCode();
            char digit = digitOf(code);
            if (digit != 0 && !event.isShiftDown() && keys.digit() != null) {
                keys.digit().accept(digit);
                event.consume();
            } else if (code == KeyCode.BACK_SPACE && keys.deleteLast() != null) {
                keys.deleteLast().run();
                event.consume();
            } else if (code == KeyCode.ESCAPE && keys.back() != null) {
                keys.back().run();
                event.consume();
            } else if (code == KeyCode.ENTER) {
                Scene scene = root.getScene();
                if (scene != null && scene.getFocusOwner() instanceof ButtonBase button && !button.isDisabled()) {
                    button.fire();
                    event.consume();
                }
            }
        });
    }

    /** '0' … '9' for the digit row and the number pad, 0 for any other key. */
    static char digitOf(KeyCode code) {
        if (code.compareTo(KeyCode.DIGIT0) >= 0 && code.compareTo(KeyCode.DIGIT9) <= 0) {
            return (char) ('0' + code.ordinal() - KeyCode.DIGIT0.ordinal());
        }
        if (code.compareTo(KeyCode.NUMPAD0) >= 0 && code.compareTo(KeyCode.NUMPAD9) <= 0) {
            return (char) ('0' + code.ordinal() - KeyCode.NUMPAD0.ordinal());
        }
        return 0;
    }
}

package com.valuekiosk.kiosk.ui.controls;

import com.valuekiosk.kiosk.ui.Keys;
import com.valuekiosk.kiosk.ui.Messages;
import com.valuekiosk.kiosk.ui.Styles;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.layout.GridPane;

/**
 * The on-screen numeric keypad (R-KI2): 1-9, Delete, 0, Clear, each key at least 96 × 72 px (about
 * 25 × 19 mm at 96 dpi). Node ids {@code key-0} … {@code key-9}, {@code key-delete}, {@code key-clear}.
 */
public final class NumericKeypad extends GridPane {

    public NumericKeypad(Messages messages, Consumer<Character> digit, Runnable delete, Runnable clear) {
        Objects.requireNonNull(digit);
        getStyleClass().add(Styles.KEYPAD);
        for (int i = 1; i <= 9; i++) {
            add(digitKey((char) ('0' + i), digit, messages), (i - 1) % 3, (i - 1) / 3);
        }
        Button deleteKey = key("key-delete");
        deleteKey.textProperty().bind(messages.text(Keys.KEYPAD_DELETE));
        deleteKey.accessibleTextProperty().bind(messages.text(Keys.A11Y_DELETE_KEY));
        deleteKey.getStyleClass().add(Styles.KEYPAD_KEY_SMALL_TEXT);
        deleteKey.setOnAction(e -> delete.run());
        add(deleteKey, 0, 3);
        add(digitKey('0', digit, messages), 1, 3);
        Button clearKey = key("key-clear");
        clearKey.textProperty().bind(messages.text(Keys.KEYPAD_CLEAR));
        clearKey.accessibleTextProperty().bind(messages.text(Keys.A11Y_CLEAR_KEY));
        clearKey.getStyleClass().add(Styles.KEYPAD_KEY_SMALL_TEXT);
        clearKey.setOnAction(e -> clear.run());
        add(clearKey, 2, 3);
    }

    private static Button digitKey(char value, Consumer<Character> digit, Messages messages) {
        Button key = key("key-" + value);
        key.setText(String.valueOf(value));
        key.accessibleTextProperty().bind(messages.text(Keys.A11Y_DIGIT_KEY, String.valueOf(value)));
        key.setOnAction(e -> digit.accept(value));
        return key;
    }

    private static Button key(String id) {
        Button key = new Button();
        key.setId(id);
        key.getStyleClass().add(Styles.KEYPAD_KEY);
        key.setMinSize(96, 72);
        key.setFocusTraversable(true);
        return key;
    }
}

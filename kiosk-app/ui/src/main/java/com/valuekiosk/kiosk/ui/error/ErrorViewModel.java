package com.valuekiosk.kiosk.ui.error;

import com.valuekiosk.kiosk.ui.Navigator;
import com.valuekiosk.kiosk.ui.Problem;
import com.valuekiosk.kiosk.ui.Problems;
import com.valuekiosk.kiosk.ui.Resettable;
import com.valuekiosk.kiosk.ui.Screen;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;

/**
 * The error screen: one problem (reported through {@link Problems}), what to do next, "try again" where it makes
 * sense, "back to menu" always.
 */
public final class ErrorViewModel implements Resettable {

    private final Problems problems;
    private final Navigator navigator;

    public ErrorViewModel(Problems problems, Navigator navigator) {
        this.problems = Objects.requireNonNull(problems, "problems");
        this.navigator = Objects.requireNonNull(navigator, "navigator");
    }

    public void tryAgain() {
        Problem current = problems.problemProperty().get();
        if (current.canRetry()) {
            current.retry().run();
        }
    }

    public void backToMenu() {
        navigator.navigate(Screen.MENU);
    }

    public ReadOnlyObjectProperty<Problem> problemProperty() {
        return problems.problemProperty();
    }

    @Override
    public void reset() {
        // nothing typed here; the problem stays until the next one replaces it
    }
}

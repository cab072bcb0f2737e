package com.valuekiosk.kiosk.ui.error;

import com.valuekiosk.kiosk.flow.FlowError;
import com.valuekiosk.kiosk.flow.FlowFailure;
import com.valuekiosk.kiosk.ui.Navigator;
import com.valuekiosk.kiosk.ui.Resettable;
import com.valuekiosk.kiosk.ui.Screen;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The error screen: one problem, what to do next, "try again" where it makes sense, "back to menu" always. */
public final class ErrorViewModel implements Resettable {

    private static final Logger log = LoggerFactory.getLogger(ErrorViewModel.class);

    private final Navigator navigator;
    private final ReadOnlyObjectWrapper<Problem> problem = new ReadOnlyObjectWrapper<>(this, "problem",
            Problem.of(FlowFailure.of(FlowError.INTERNAL, "nothing yet"), null));

    public ErrorViewModel(Navigator navigator) {
        this.navigator = Objects.requireNonNull(navigator, "navigator");
    }

    /** Shows {@code shown} on the error screen. The failure's detail was logged by the engine or is logged here once. */
    public void show(Problem shown) {
        problem.set(Objects.requireNonNull(shown));
        navigator.navigate(Screen.ERROR);
    }

    /** Shows a flow's failure; the detail (masked by the engine) goes to the log, never to the screen. */
    public void show(FlowFailure failure, Runnable retry) {
        log.info("flow ended with {}: {}", failure.error(), failure.detail());
        show(Problem.of(failure, retry));
    }

    /** A defect: the person sees INTERNAL, the log the exception, once. */
    public void showDefect(Exception defect) {
        log.error("screen action failed", defect);
        show(Problem.of(FlowFailure.of(FlowError.INTERNAL, defect.getClass().getSimpleName()), null));
    }

    public void tryAgain() {
        Problem current = problem.get();
        if (current.canRetry()) {
            current.retry().run();
        }
    }

    public void backToMenu() {
        navigator.navigate(Screen.MENU);
    }

    public ReadOnlyObjectProperty<Problem> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    @Override
    public void reset() {
        // nothing typed here; the problem stays until the next one replaces it
    }
}

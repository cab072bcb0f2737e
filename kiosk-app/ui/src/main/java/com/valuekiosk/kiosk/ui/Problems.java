package com.valuekiosk.kiosk.ui;

import com.valuekiosk.kiosk.flow.FlowError;
import com.valuekiosk.kiosk.flow.FlowFailure;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where processes and screens report what went wrong: the problem is kept for the error screen and the
 * kiosk goes there. A flow's failure detail (masked by the engine) and a defect's exception go to the log,
 * once, here; the person sees only the short localised words. FX thread only.
 */
public final class Problems {

    private static final Logger log = LoggerFactory.getLogger(Problems.class);

    private final Navigator navigator;
    private final ReadOnlyObjectWrapper<Problem> problem = new ReadOnlyObjectWrapper<>(this, "problem",
            Problem.of(FlowFailure.of(FlowError.INTERNAL, "nothing yet"), null));

    public Problems(Navigator navigator) {
        this.navigator = Objects.requireNonNull(navigator, "navigator");
    }

    /** Shows {@code shown} on the error screen. */
    public void show(Problem shown) {
        problem.set(Objects.requireNonNull(shown));
        navigator.navigate(Screen.ERROR);
    }

    /** A flow's failure; {@code retry} null when trying again makes no sense. */
    public void show(FlowFailure failure, Runnable retry) {
        log.info("flow ended with {}: {}", failure.error(), failure.detail());
        show(Problem.of(failure, retry));
    }

    /** A defect: the person sees INTERNAL, the log the exception, once. */
    public void showDefect(Exception defect) {
        log.error("screen action failed", defect);
        show(Problem.of(FlowFailure.of(FlowError.INTERNAL, defect.getClass().getSimpleName()), null));
    }

    /** The last problem shown; it stays until the next one replaces it. */
    public ReadOnlyObjectProperty<Problem> problemProperty() {
        return problem.getReadOnlyProperty();
    }
}

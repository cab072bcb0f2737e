package com.valuekiosk.kiosk.ui;

import com.valuekiosk.kiosk.flow.FlowError;
import com.valuekiosk.kiosk.flow.FlowFailure;
import java.util.List;
import java.util.Objects;

/**
 * What the error screen shows: what happened (key and its arguments), what to do next, and — where it makes
 * sense — a "try again" action and its label. {@code retry} null: only "Back to menu".
 */
public record Problem(String whatKey, List<Object> whatArguments, String nextKey, String retryKey, Runnable retry) {

    public Problem {
        Objects.requireNonNull(whatKey, "whatKey");
        whatArguments = List.copyOf(whatArguments);
        Objects.requireNonNull(nextKey, "nextKey");
        if ((retry == null) != (retryKey == null)) {
            throw new IllegalArgumentException("a retry needs its label and a label its retry");
        }
    }

    /** A flow's failure; {@code retry} null when trying again makes no sense. */
    public static Problem of(FlowFailure failure, Runnable retry) {
        FlowError error = failure.error();
        List<Object> arguments = error == FlowError.WRONG_PIN ? List.of(Math.max(failure.triesLeft(), 0)) : List.of();
        return new Problem(Keys.errorWhat(error), arguments, Keys.errorNext(error), retry == null ? null : Keys.COMMON_TRY_AGAIN,
                retry);
    }

    public boolean canRetry() {
        return retry != null;
    }
}

package com.valuekiosk.kiosk.ui.shell;

import com.valuekiosk.kiosk.ui.BackgroundWork;
import com.valuekiosk.kiosk.ui.Keys;
import com.valuekiosk.kiosk.ui.TypedDigits;
import java.util.Objects;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The attendant screen: the code typed on a keypad (shown as circles), "Leave kiosk mode / Exit", which
 * checks it off the FX thread and on a match runs the exit given, and "Back". A wrong code says so; after
 * {@link AttendantCode#ATTEMPTS_BEFORE_LOCK} the screen says it is locked for a while.
 */
public final class AttendantViewModel {

    public static final int CODE_MAXIMUM = 12;

    private final AttendantCode code;
    private final BackgroundWork background;
    private final Runnable onRightCode;
    private final TypedDigits typed = new TypedDigits(CODE_MAXIMUM);
    private final ReadOnlyBooleanWrapper open = new ReadOnlyBooleanWrapper(this, "open");
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(this, "checking");
    private final ReadOnlyStringWrapper statusKey = new ReadOnlyStringWrapper(this, "statusKey");
    private final BooleanBinding canLeave = typed.lengthProperty().greaterThan(0).and(checking.not());
    private final ReadOnlyBooleanWrapper diagnosticsOffered = new ReadOnlyBooleanWrapper(this, "diagnosticsOffered");
    private Runnable onDiagnostics = () -> { };

    public AttendantViewModel(AttendantCode code, BackgroundWork background, Runnable onRightCode) {
        this.code = Objects.requireNonNull(code, "code");
        this.background = Objects.requireNonNull(background, "background");
        this.onRightCode = Objects.requireNonNull(onRightCode, "onRightCode");
    }

    public void open() {
        typed.wipe();
        statusKey.set(code.isLocked() ? Keys.ATTENDANT_LOCKED : null);
        open.set(true);
    }

    public void type(char digit) {
        typed.append(digit);
    }

    public void deleteLast() {
        typed.deleteLast();
    }

    public void clear() {
        typed.wipe();
    }

    /** Offers "Diagnostics" beside "Leave": the right code then runs {@code open} and the kiosk stays in kiosk mode. */
    public void offerDiagnostics(Runnable open) {
        onDiagnostics = Objects.requireNonNull(open, "open");
        diagnosticsOffered.set(true);
    }

    /** "Diagnostics": the typed code is checked like for leaving; the right one opens the diagnostics screen. */
    public void diagnostics() {
        if (diagnosticsOffered.get()) {
            check(onDiagnostics);
        }
    }

    /** "Leave kiosk mode / Exit": the typed code goes to the check in one char array, which it wipes. */
    public void leave() {
        check(onRightCode);
    }

    private void check(Runnable onMatch) {
        if (!canLeave.get()) {
            return;
        }
        char[] candidate = typed.take();
        checking.set(true);
        background.wrap(() -> code.matches(candidate)).onSuccess(right -> {
            checking.set(false);
            if (right) {
                statusKey.set(null);
                open.set(false);
                onMatch.run();
            } else {
                statusKey.set(code.isLocked() ? Keys.ATTENDANT_LOCKED : Keys.ATTENDANT_WRONG);
            }
        }).onFailure(e -> {
            checking.set(false);
            statusKey.set(Keys.ATTENDANT_WRONG);
        }).start();
    }

    public void back() {
        typed.wipe();
        statusKey.set(null);
        open.set(false);
    }

    public ReadOnlyBooleanProperty diagnosticsOfferedProperty() {
        return diagnosticsOffered.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty openProperty() {
        return open.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty codeLengthProperty() {
        return typed.lengthProperty();
    }

    /** Null, {@link Keys#ATTENDANT_WRONG} or {@link Keys#ATTENDANT_LOCKED}. */
    public ReadOnlyStringProperty statusKeyProperty() {
        return statusKey.getReadOnlyProperty();
    }

    public BooleanBinding canLeaveProperty() {
        return canLeave;
    }
}

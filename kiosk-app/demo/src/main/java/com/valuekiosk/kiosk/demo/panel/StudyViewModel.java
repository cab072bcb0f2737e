package com.valuekiosk.kiosk.demo.panel;

import java.util.Objects;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The card panel's study section (usability mode only): the tester types the participant's code and marks the
 * start of that participant's session. A code, never a name: letters, digits, {@code -} and {@code _}, at most 20.
 * No nodes; FX thread only.
 */
public final class StudyViewModel {

    /** Where sessions are recorded: starts one for a participant and answers its number. */
    @FunctionalInterface
    public interface Sessions {
        int start(String participant);
    }

    /** The last session the tester marked. */
    public record Mark(int session, String participant) {
    }

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,20}");

    private final String study;
    private final Sessions sessions;
    private final StringProperty participant = new SimpleStringProperty(this, "participant", "");
    private final BooleanBinding canStart = Bindings.createBooleanBinding(
            () -> CODE.matcher(participant.get().strip()).matches(), participant);
    private final ReadOnlyObjectWrapper<Mark> marked = new ReadOnlyObjectWrapper<>(this, "marked");

    public StudyViewModel(String study, Sessions sessions) {
        this.study = Objects.requireNonNull(study, "study");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    public String study() {
        return study;
    }

    /** The participant's code as typed. */
    public StringProperty participantProperty() {
        return participant;
    }

    /** Whether the code typed is one ({@link #startSession()} does nothing otherwise). */
    public BooleanBinding canStart() {
        return canStart;
    }

    /** The last session marked, or null. */
    public ReadOnlyObjectProperty<Mark> markedProperty() {
        return marked.getReadOnlyProperty();
    }

    /** Marks the start of the participant's session (a session under way ends, abandoned). */
    public void startSession() {
        if (!canStart.get()) {
            return;
        }
        String code = participant.get().strip();
        marked.set(new Mark(sessions.start(code), code));
    }
}

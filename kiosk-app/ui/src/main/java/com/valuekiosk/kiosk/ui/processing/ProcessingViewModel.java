package com.valuekiosk.kiosk.ui.processing;

import com.valuekiosk.kiosk.ui.Progress;
import com.valuekiosk.kiosk.ui.Resettable;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;

/** What the kiosk is doing while a flow command runs: the {@link Progress} the processes report. */
public final class ProcessingViewModel implements Resettable {

    private final Progress progress;
    // Every processing step reads or writes a card: it stays on the reader until the screen says otherwise.
    private final ReadOnlyBooleanWrapper keepCard = new ReadOnlyBooleanWrapper(this, "keepCard", true);

    public ProcessingViewModel(Progress progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    public ReadOnlyStringProperty messageKeyProperty() {
        return progress.messageKeyProperty();
    }

    public ReadOnlyBooleanProperty keepCardProperty() {
        return keepCard.getReadOnlyProperty();
    }

    @Override
    public void reset() {
        // nothing typed here
    }
}

package com.valuekiosk.kiosk.ui.cards;

import com.valuekiosk.kiosk.reader.CardEvent;
import com.valuekiosk.kiosk.reader.CardEventListener;
import com.valuekiosk.kiosk.reader.CardReader;
import com.valuekiosk.kiosk.ui.BackgroundWork;
import com.valuekiosk.kiosk.ui.KioskFlows;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * Whether a card is in each reader now (R-KI3), for the screens: one read-only property per reader, set from
 * the readers' {@link CardEvent}s on the FX thread ({@link BackgroundWork#onFxThread}). Each event is one
 * change, in order, so a card taken away and placed again is seen as false, then true — an arrival the
 * charge-up and balance screens start on. A reader that is missing (no contact reader on a home terminal)
 * never holds a card. Build it on the FX thread.
 */
public final class CardPresence implements AutoCloseable {

    private final ReadOnlyBooleanWrapper contactPresent = new ReadOnlyBooleanWrapper(this, "contactPresent");
    private final ReadOnlyBooleanWrapper contactlessPresent = new ReadOnlyBooleanWrapper(this, "contactlessPresent");
    private final boolean hasContactReader;
    private final List<Runnable> detach = new ArrayList<>();

    public CardPresence(KioskFlows flows, BackgroundWork background) {
        Objects.requireNonNull(flows, "flows");
        Objects.requireNonNull(background, "background");
        Optional<CardReader> contact = flows.contactReader();
        hasContactReader = contact.isPresent();
        contact.ifPresent(reader -> follow(reader, contactPresent, background));
        flows.contactlessReader().ifPresent(reader -> follow(reader, contactlessPresent, background));
    }

    private void follow(CardReader reader, ReadOnlyBooleanWrapper present, BackgroundWork background) {
        CardEventListener listener = event -> {
            Boolean now = switch (event.type()) {
                case CARD_INSERTED -> true;
                case CARD_REMOVED, READER_LOST -> false;
                case READER_FOUND -> null; // a card in it comes as CARD_INSERTED next
            };
            if (now != null) {
                background.onFxThread(() -> present.set(now));
            }
        };
        reader.addListener(listener);
        detach.add(() -> reader.removeListener(listener));
        present.set(reader.isCardPresent());
    }

    /** A card (credit card or combo card) is in the contact reader. */
    public ReadOnlyBooleanProperty contactPresentProperty() {
        return contactPresent.getReadOnlyProperty();
    }

    /** A card or phone is on the contactless reader. */
    public ReadOnlyBooleanProperty contactlessPresentProperty() {
        return contactlessPresent.getReadOnlyProperty();
    }

    public boolean isContactPresent() {
        return contactPresent.get();
    }

    public boolean isContactlessPresent() {
        return contactlessPresent.get();
    }

    public boolean hasContactReader() {
        return hasContactReader;
    }

    /** Stops following the readers (a UI that is thrown away while the engine lives on). */
    @Override
    public void close() {
        detach.forEach(Runnable::run);
        detach.clear();
    }
}

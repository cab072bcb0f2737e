package com.valuekiosk.kiosk.demo.panel;

import com.valuekiosk.card.host.CardProtocol;
import com.valuekiosk.card.sim.SimulatedCard;
import com.valuekiosk.kiosk.reader.CardReader;
import com.valuekiosk.kiosk.simulated.SimulatedReader;
import com.valuekiosk.kiosk.ui.BackgroundWork;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The usability card panel (R-UT1, first part): a person at a test session inserts the demo cards into the
 * contact reader, taps them on and takes them off the contactless reader, and pulls a card away in the
 * middle of the write of VALUE — through the same {@link SimulatedReader}s the kiosk's engine reads, so the
 * kiosk screens react exactly as to real cards. Shows what each reader holds now, from the readers' card
 * events (delivered on the FX thread by {@link BackgroundWork}). No nodes; FX thread only.
 */
public final class CardPanelViewModel {

    private static final Logger log = LoggerFactory.getLogger(CardPanelViewModel.class);

    /** "Remove during write" as armed on the contactless reader, and whether it happened. */
    public enum FaultState {
        NONE,
        /** The next write of VALUE never reaches the card: the card is pulled away before it. */
        ARMED_WRITE_LOST,
        /** The card takes the next write of VALUE, then is pulled away before its answer. */
        ARMED_ANSWER_LOST,
        /** The card was pulled away during a write. */
        FIRED
    }

    private final SimulatedReader contactReader;
    private final SimulatedReader contactlessReader;
    private final List<PanelCard> cards;
    private final ReadOnlyObjectWrapper<Optional<PanelCard>> contactHolds = new ReadOnlyObjectWrapper<>(this, "contactHolds",
            Optional.empty());
    private final ReadOnlyObjectWrapper<Optional<PanelCard>> contactlessHolds = new ReadOnlyObjectWrapper<>(this,
            "contactlessHolds", Optional.empty());
    private final ReadOnlyObjectWrapper<FaultState> fault = new ReadOnlyObjectWrapper<>(this, "fault", FaultState.NONE);
    /** A card in a reader that is not on this panel (put there by a script or a test). */
    private final ReadOnlyBooleanWrapper contactOccupied = new ReadOnlyBooleanWrapper(this, "contactOccupied");
    private final ReadOnlyBooleanWrapper contactlessOccupied = new ReadOnlyBooleanWrapper(this, "contactlessOccupied");
    private SimulatedReader.ArmedFault armed;

    /**
     * @param contactReader the kiosk's contact reader (the engine's, not a copy)
     * @param contactlessReader the kiosk's contactless reader
     * @param cards the cards on the panel, each once (see {@link PanelCard#demoCards})
     * @param background delivers the readers' events on the FX thread
     */
    public CardPanelViewModel(SimulatedReader contactReader, SimulatedReader contactlessReader, List<PanelCard> cards,
                              BackgroundWork background) {
        this.contactReader = Objects.requireNonNull(contactReader, "contactReader");
        this.contactlessReader = Objects.requireNonNull(contactlessReader, "contactlessReader");
        this.cards = List.copyOf(cards);
        Objects.requireNonNull(background, "background");
        Set<String> ids = new HashSet<>();
        for (PanelCard card : this.cards) {
            if (!ids.add(card.id())) {
                throw new IllegalArgumentException("two panel cards named " + card.id());
            }
        }
        if (contactReader.kind() != CardReader.Kind.CONTACT || contactlessReader.kind() != CardReader.Kind.CONTACTLESS) {
            throw new IllegalArgumentException("the contact reader first, then the contactless one");
        }
        // Cards also come and go without the panel: a torn write takes the card away on the flow's thread.
        contactReader.addListener(event -> background.onFxThread(this::refresh));
        contactlessReader.addListener(event -> background.onFxThread(this::refresh));
        refresh();
    }

    public List<PanelCard> cards() {
        return cards;
    }

    /** Puts {@code card} into the contact reader's slot. */
    public void insert(PanelCard card) {
        act(() -> contactReader.insert(card.card()));
    }

    /** Holds {@code card} on the contactless reader (it stays until removed). */
    public void tap(PanelCard card) {
        act(() -> contactlessReader.tap(card.card()));
    }

    /** Takes {@code card} out of whichever reader holds it. */
    public void remove(PanelCard card) {
        act(() -> {
            for (SimulatedReader reader : List.of(contactReader, contactlessReader)) {
                if (reader.card().filter(held -> held == card.card()).isPresent()) {
                    reader.remove();
                }
            }
        });
    }

    /**
     * The card on the contactless reader will be pulled away as the next write of VALUE (CREDIT) is sent,
     * before the card sees it: the flow shows "the card was taken away during the write".
     */
    public void removeDuringWrite() {
        arm(SimulatedReader.Fault.LOST_BEFORE_CARD, FaultState.ARMED_WRITE_LOST);
    }

    /** Like {@link #removeDuringWrite()}, but the card applies the write and is pulled away before it answers. */
    public void removeBeforeTheAnswer() {
        arm(SimulatedReader.Fault.ANSWER_LOST, FaultState.ARMED_ANSWER_LOST);
    }

    /** Takes back an armed "remove during write" that has not happened. */
    public void disarm() {
        if (armed != null) {
            armed.disarm();
            armed = null;
        }
        fault.set(FaultState.NONE);
        refresh();
    }

    private void arm(SimulatedReader.Fault kind, FaultState state) {
        disarm();
        armed = contactlessReader.armFault(kind, SimulatedReader.instruction(CardProtocol.INS_CREDIT));
        fault.set(state);
    }

    private void act(Runnable action) {
        try {
            action.run();
        } catch (IllegalStateException | IllegalArgumentException refused) {
            // The reader changed between the button's state and the touch (a flow tore a write meanwhile).
            log.info("card panel: {}", refused.getMessage());
        }
        refresh();
    }

    private void refresh() {
        Optional<SimulatedCard> inContact = contactReader.card();
        Optional<SimulatedCard> onPad = contactlessReader.card();
        contactHolds.set(inContact.flatMap(this::panelCard));
        contactlessHolds.set(onPad.flatMap(this::panelCard));
        contactOccupied.set(inContact.isPresent());
        contactlessOccupied.set(onPad.isPresent());
        if (armed != null && armed.hasFired()) {
            armed = null;
            fault.set(FaultState.FIRED);
        } else if (armed == null && fault.get() != FaultState.FIRED) {
            fault.set(FaultState.NONE);
        }
    }

    private Optional<PanelCard> panelCard(SimulatedCard simulated) {
        return cards.stream().filter(card -> card.card() == simulated).findFirst();
    }

    private boolean isInAReader(PanelCard card) {
        return contactHolds.get().filter(card::equals).isPresent() || contactlessHolds.get().filter(card::equals).isPresent();
    }

    /** Whether {@code card} fits the contact slot at all (the panel hides the button otherwise). */
    public boolean fitsContact(PanelCard card) {
        return contactReader.accepts(card.card().formFactor());
    }

    public boolean fitsContactless(PanelCard card) {
        return contactlessReader.accepts(card.card().formFactor());
    }

    public BooleanBinding canInsert(PanelCard card) {
        return Bindings.createBooleanBinding(() -> fitsContact(card) && !contactOccupied.get() && !isInAReader(card),
                contactHolds, contactlessHolds, contactOccupied);
    }

    public BooleanBinding canTap(PanelCard card) {
        return Bindings.createBooleanBinding(() -> fitsContactless(card) && !contactlessOccupied.get() && !isInAReader(card),
                contactHolds, contactlessHolds, contactlessOccupied);
    }

    public BooleanBinding canRemove(PanelCard card) {
        return Bindings.createBooleanBinding(() -> isInAReader(card), contactHolds, contactlessHolds);
    }

    /** The panel card in the contact reader; empty when it is empty or holds a card not on the panel. */
    public ReadOnlyObjectProperty<Optional<PanelCard>> contactHoldsProperty() {
        return contactHolds.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Optional<PanelCard>> contactlessHoldsProperty() {
        return contactlessHolds.getReadOnlyProperty();
    }

    /** True when the contact reader holds a card (on the panel or not). */
    public ReadOnlyBooleanProperty contactOccupiedProperty() {
        return contactOccupied.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty contactlessOccupiedProperty() {
        return contactlessOccupied.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<FaultState> faultProperty() {
        return fault.getReadOnlyProperty();
    }
}

package com.valuekiosk.kiosk.simulated;

import com.valuekiosk.card.host.CardStatusException;
import com.valuekiosk.card.host.CardTransportException;
import com.valuekiosk.card.host.CreditCardApplication;
import com.valuekiosk.card.sim.SimulatedCard;
import com.valuekiosk.card.sim.SimulatedCard.FormFactor;
import com.valuekiosk.kiosk.reader.AbstractCardReader;
import com.valuekiosk.kiosk.reader.CardReader;
import com.valuekiosk.kiosk.reader.CardRemovedException;
import com.valuekiosk.kiosk.reader.CardSession;
import com.valuekiosk.kiosk.reader.NoCardException;
import com.valuekiosk.kiosk.reader.PcscPinPad;
import com.valuekiosk.kiosk.reader.PcscReader;
import com.valuekiosk.kiosk.reader.PinPad;
import com.valuekiosk.kiosk.reader.PinSource;
import com.valuekiosk.kiosk.reader.ReaderException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * A reader that holds {@link SimulatedCard}s (jcardsim) instead of real ones (R-KI3, R-UT1): a test, a
 * scripted scenario or a person at the usability card panel {@link #insert inserts}, {@link #tap taps} and
 * {@link #remove removes} cards, {@link #unplug unplugs} the reader, and arms {@link Fault faults} that tear
 * a command. The flows cannot tell it from a {@link PcscReader}.
 *
 * <h2>Like real hardware</h2>
 * <ul>
 *   <li>A contact reader takes {@code CONTACT_CREDIT_CARD} and {@code COMBO_CARD}; a contactless reader
 *       takes {@code CONTACTLESS_CREDIT_CARD}, {@code PURSE_CARD}, {@code COMBO_CARD} and {@code PHONE}
 *       ({@link #accepts}). Anything else is refused when inserted.</li>
 *   <li>One card at a time. A card is powered up cold when it arrives and powered off
 *       ({@link SimulatedCard#powerOff()}) when it leaves, when the reader is unplugged and when a
 *       session is closed: the selected applet and a verified PIN are lost, as on a real card.</li>
 *   <li>A session lives as long as the card stays: once the card left (even if it came back), the
 *       session's {@code transmit} throws {@link CardRemovedException}; once the reader was unplugged,
 *       {@link ReaderException}.</li>
 * </ul>
 *
 * <h2>Tearing</h2>
 * jcardsim cannot roll a transaction back (APDU.md 10.2), so a card pulled away mid-command is simulated at
 * the APDU boundary: {@link #armFault(Fault, Predicate)} makes the next command that matches lose its card,
 * either before the card saw it ({@link Fault#LOST_BEFORE_CARD}) or after the card executed it and before
 * the answer came back ({@link Fault#ANSWER_LOST}). Either way the card leaves the reader (a
 * {@code CARD_REMOVED} event) and the command throws {@link CardRemovedException}. Faults are one-shot.
 *
 * <h2>Threads and events</h2>
 * All methods are thread-safe: the UI thread (card panel), a flow thread and a test may use one reader at
 * once. A command runs whole under the reader's lock, so a card removed "during" a command leaves after it
 * (use a fault to tear a command). Events go to listeners through the executor given at construction;
 * with the default, <b>synchronously on the thread that caused them</b> (the thread that called
 * {@code insert}, {@code remove}, {@code unplug}, or the flow thread whose command fired a fault), after the
 * reader's lock was released, in the order they happened. This differs from {@link PcscReader}, whose
 * events come from its monitoring thread; pass a single-thread executor for the same behaviour.
 */
public final class SimulatedReader extends AbstractCardReader {

    /** How a command is torn (APDU.md 10.2). */
    public enum Fault {
        /** The command never reaches the card; the card leaves the field. Nothing changed on the card. */
        LOST_BEFORE_CARD,
        /** The card executes the command completely, then leaves before its answer arrives. */
        ANSWER_LOST
    }

    /** A fault waiting for its command; see {@link SimulatedReader#armFault}. */
    public final class ArmedFault {

        private final Fault fault;
        private final Predicate<byte[]> when;
        private boolean fired;

        private ArmedFault(Fault fault, Predicate<byte[]> when) {
            this.fault = fault;
            this.when = when;
        }

        public Fault fault() {
            return fault;
        }

        /** True once a command matched and the fault tore it. */
        public boolean hasFired() {
            synchronized (lock) {
                return fired;
            }
        }

        /** True while it waits for its command. */
        public boolean isArmed() {
            synchronized (lock) {
                return faults.contains(this);
            }
        }

        /** Takes the fault back before it fired; no effect afterwards. */
        public void disarm() {
            synchronized (lock) {
                faults.remove(this);
            }
        }
    }

    /** Historical bytes of every simulated ATR: "VKIOSK", then the form factor. */
    private static final byte[] ATR_HISTORICAL_PREFIX = {'V', 'K', 'I', 'O', 'S', 'K'};

    // Guarded by lock; listeners, state, card presence and closing are AbstractCardReader's.
    private SimulatedCard card;
    private boolean pluggedIn = true;
    /** Changes whenever the card becomes reachable or unreachable; a session is valid for one value. */
    private long presence;
    private final List<ArmedFault> faults = new ArrayList<>();
    private PinSource pinPadKeys;

    /** A plugged-in reader whose listeners run on the thread that caused the event. */
    public SimulatedReader(String name, Kind kind) {
        this(name, kind, Runnable::run);
    }

    /**
     * @param eventExecutor where listeners run; {@code Runnable::run} for the calling thread, a
     *        single-thread executor to mimic a reader's monitoring thread
     */
    public SimulatedReader(String name, Kind kind, Executor eventExecutor) {
        super(name, kind, State.READY, eventExecutor);
    }

    /** "Simulated contact reader". */
    public static SimulatedReader contact() {
        return new SimulatedReader("Simulated contact reader", Kind.CONTACT);
    }

    /** "Simulated contactless reader". */
    public static SimulatedReader contactless() {
        return new SimulatedReader("Simulated contactless reader", Kind.CONTACTLESS);
    }

    /** Whether a reader of {@code kind} takes cards of {@code formFactor}. */
    public static boolean accepts(Kind kind, FormFactor formFactor) {
        return kind == Kind.CONTACT ? formFactor.contact() : formFactor.contactless();
    }

    /** Whether this reader takes cards of {@code formFactor} (the card panel greys out the others). */
    public boolean accepts(FormFactor formFactor) {
        return accepts(kind(), formFactor);
    }

    // ---------------------------------------------------------------- the person at the reader

    /**
     * Puts {@code simulatedCard} into the reader (the slot of a contact reader, the field of a contactless
     * one). The card is powered up cold; a {@code CARD_INSERTED} event follows while the reader is
     * plugged in. An unplugged reader takes the card too and reports it when plugged in again.
     *
     * @throws IllegalArgumentException when the card's form factor does not fit this kind of reader
     * @throws IllegalStateException when another card is already in the reader
     */
    public void insert(SimulatedCard simulatedCard) {
        Objects.requireNonNull(simulatedCard, "card");
        try {
            synchronized (lock) {
                if (!accepts(simulatedCard.formFactor())) {
                    throw new IllegalArgumentException(simulatedCard.label() + " (" + simulatedCard.formFactor()
                            + ") does not fit the " + kindName() + " reader \"" + name() + "\": it takes " + acceptedFormFactors());
                }
                if (card == simulatedCard) {
                    throw new IllegalStateException(simulatedCard.label() + " is already in \"" + name() + "\"");
                }
                if (card != null) {
                    throw new IllegalStateException("\"" + name() + "\" already holds " + card.label() + ": remove it first");
                }
                simulatedCard.powerOff(); // arriving card: cold reset, nothing selected
                card = simulatedCard;
                if (pluggedIn) {
                    presence++;
                }
                seen();
            }
        } finally {
            dispatchEvents();
        }
    }

    /**
     * A card held on the contactless reader: the same as {@link #insert} — the card stays in the field until
     * {@link #remove()} (the person takes it away) or a fault.
     *
     * @throws IllegalStateException on a contact reader, which takes cards inserted, not tapped
     */
    public void tap(SimulatedCard simulatedCard) {
        if (kind() != Kind.CONTACTLESS) {
            throw new IllegalStateException("\"" + name() + "\" is a contact reader: cards are inserted, not tapped");
        }
        insert(simulatedCard);
    }

    /**
     * Takes the card out (or away from the field). It is powered off; a {@code CARD_REMOVED} event follows
     * while the reader is plugged in; open sessions are dead.
     *
     * @return the card that was in the reader, empty when there was none
     */
    public Optional<SimulatedCard> remove() {
        try {
            synchronized (lock) {
                if (card == null) {
                    return Optional.empty();
                }
                SimulatedCard removed = card;
                leave();
                return Optional.of(removed);
            }
        } finally {
            dispatchEvents();
        }
    }

    /** The card in the reader, also while the reader is unplugged (then {@link #isCardPresent()} is false). */
    public Optional<SimulatedCard> card() {
        synchronized (lock) {
            return Optional.ofNullable(card);
        }
    }

    /**
     * The USB cable is pulled: state {@code NO_READER}, a {@code READER_LOST} event, no {@code CARD_REMOVED}
     * (the card, if any, stays in the reader, powered off, and is unreachable: {@link #isCardPresent()} is
     * false). Open sessions fail with {@link ReaderException}; {@link #connect()} throws it too.
     */
    public void unplug() {
        try {
            synchronized (lock) {
                if (!pluggedIn) {
                    return;
                }
                pluggedIn = false;
                presence++;
                if (card != null) {
                    card.powerOff();
                }
                seen();
            }
        } finally {
            dispatchEvents();
        }
    }

    /** The reader is back: {@code READER_FOUND}, then {@code CARD_INSERTED} when a card is in it. */
    public void plugIn() {
        try {
            synchronized (lock) {
                if (pluggedIn) {
                    return;
                }
                pluggedIn = true;
                presence++;
                seen();
            }
        } finally {
            dispatchEvents();
        }
    }

    public boolean isPluggedIn() {
        synchronized (lock) {
            return pluggedIn;
        }
    }

    // ---------------------------------------------------------------- faults and PIN pad

    /**
     * Arms a one-shot fault: the first later command (on any session of this reader) for which
     * {@code when} is true is torn as {@code fault} says; then the fault is disarmed. With several armed
     * faults, the oldest matching one fires. {@code when} sees a copy of the command.
     */
    public ArmedFault armFault(Fault fault, Predicate<byte[]> when) {
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(when, "when");
        synchronized (lock) {
            ArmedFault armed = new ArmedFault(fault, when);
            faults.add(armed);
            return armed;
        }
    }

    /** Takes back every armed fault. */
    public void disarmFaults() {
        synchronized (lock) {
            faults.clear();
        }
    }

    /** Matches commands by their INS byte (for example {@code CardProtocol.INS_CREDIT}). */
    public static Predicate<byte[]> instruction(byte ins) {
        return command -> command != null && command.length >= 2 && command[1] == ins;
    }

    /** Matches every command. */
    public static Predicate<byte[]> anyCommand() {
        return command -> true;
    }

    /**
     * Gives the reader a PIN pad (sessions opened afterwards offer {@link CardSession#pinPad()}): the
     * "keys" are {@code keys}, asked once per {@link PinPad#verifyPin()}; the pad builds our VERIFY from
     * them and wipes them, as a real pad does inside the reader. A {@code null} from the keys is the
     * person pressing Cancel (answered 6401, like a PC/SC PIN pad).
     */
    public void enablePinPad(PinSource keys) {
        synchronized (lock) {
            pinPadKeys = Objects.requireNonNull(keys, "keys");
        }
    }

    public void disablePinPad() {
        synchronized (lock) {
            pinPadKeys = null;
        }
    }

    // ---------------------------------------------------------------- CardReader
    // state() is READY or, while unplugged, NO_READER; isCardPresent() is true while plugged in with a card.

    @Override
    public CardSession connect() throws CardTransportException {
        synchronized (lock) {
            requireOpen();
            if (!pluggedIn) {
                throw new ReaderException("reader \"" + name() + "\" is not connected (unplugged)");
            }
            if (card == null) {
                throw new NoCardException(name());
            }
            return new Session(card, presence, pinPadKeys);
        }
    }

    /** {@link #close()}: ends every session and disarms the faults; {@link #connect()} fails afterwards. The card stays in. */
    @Override
    protected void onClose() {
        presence++;
        faults.clear();
    }

    @Override
    public String toString() {
        return "SimulatedReader[" + name() + ", " + kind() + "]";
    }

    // ---------------------------------------------------------------- internals

    /** Under lock: tells the base class what the reader looks like now; it queues the events of the change. */
    private void seen() {
        update(pluggedIn ? State.READY : State.NO_READER, card != null);
    }

    /** The card leaves: powered off, sessions dead, CARD_REMOVED when anyone could notice. Under lock. */
    private void leave() {
        card.powerOff();
        card = null;
        if (pluggedIn) {
            presence++;
        }
        seen();
    }

    /** Under lock. */
    private ArmedFault takeFault(byte[] command) {
        for (Iterator<ArmedFault> it = faults.iterator(); it.hasNext();) {
            ArmedFault armed = it.next();
            if (armed.when.test(command.clone())) {
                it.remove();
                armed.fired = true;
                return armed;
            }
        }
        return null;
    }

    private String kindName() {
        return kind() == Kind.CONTACT ? "contact" : "contactless";
    }

    private String acceptedFormFactors() {
        List<String> names = new ArrayList<>();
        for (FormFactor formFactor : FormFactor.values()) {
            if (accepts(formFactor)) {
                names.add(formFactor.name());
            }
        }
        return String.join(", ", names);
    }

    /**
     * A simulated ATR: TS 3B, T0 8x (x historical bytes, TD1 follows), TD1 80 (T=0, TD2 follows),
     * TD2 01 (T=1), historical bytes "VKIOSK" and the form factor's ordinal, TCK (XOR of T0..last).
     * The 3B 8x 80 01 shape is the one PC/SC gives contactless cards.
     */
    public static byte[] atrOf(FormFactor formFactor) {
        int historical = ATR_HISTORICAL_PREFIX.length + 1;
        byte[] atr = new byte[4 + historical + 1];
        atr[0] = 0x3B;
        atr[1] = (byte) (0x80 | historical);
        atr[2] = (byte) 0x80;
        atr[3] = 0x01;
        System.arraycopy(ATR_HISTORICAL_PREFIX, 0, atr, 4, ATR_HISTORICAL_PREFIX.length);
        atr[4 + ATR_HISTORICAL_PREFIX.length] = (byte) formFactor.ordinal();
        byte tck = 0;
        for (int i = 1; i < atr.length - 1; i++) {
            tck ^= atr[i];
        }
        atr[atr.length - 1] = tck;
        return atr;
    }

    /** One power-up of one card; dead once the card left, the reader was unplugged or it was closed. */
    private final class Session implements CardSession {

        private final SimulatedCard sessionCard;
        private final long sessionPresence;
        private final byte[] atr;
        private final PinPad pinPad;
        private boolean sessionClosed; // guarded by the reader's lock

        Session(SimulatedCard sessionCard, long sessionPresence, PinSource keys) {
            this.sessionCard = sessionCard;
            this.sessionPresence = sessionPresence;
            this.atr = atrOf(sessionCard.formFactor());
            this.pinPad = keys == null ? null : () -> verifyOnPad(keys);
        }

        @Override
        public byte[] transmit(byte[] command) throws CardTransportException {
            Objects.requireNonNull(command, "command");
            try {
                synchronized (lock) {
                    requireAlive();
                    ArmedFault armed = takeFault(command);
                    if (armed == null) {
                        return sessionCard.transmit(command);
                    }
                    if (armed.fault == Fault.ANSWER_LOST) {
                        sessionCard.transmit(command); // executed; its answer never arrives
                    }
                    leave();
                    throw new CardRemovedException("the card left \"" + name() + "\" during the command (simulated tearing: "
                            + armed.fault + ")");
                }
            } finally {
                dispatchEvents();
            }
        }

        @Override
        public byte[] atr() {
            return atr.clone();
        }

        @Override
        public Optional<PinPad> pinPad() {
            return Optional.ofNullable(pinPad);
        }

        /** Powers the card down when it is still in the reader; idempotent. */
        @Override
        public void close() {
            synchronized (lock) {
                if (sessionClosed) {
                    return;
                }
                sessionClosed = true;
                if (isAlive()) {
                    sessionCard.powerOff();
                }
            }
        }

        private boolean isAlive() {
            return !isClosed() && pluggedIn && card == sessionCard && presence == sessionPresence;
        }

        /** Under lock. */
        private void requireAlive() throws CardTransportException {
            if (sessionClosed) {
                throw new IllegalStateException("this session on \"" + name() + "\" was closed");
            }
            requireOpen();
            if (!pluggedIn) {
                throw new ReaderException("reader \"" + name() + "\" was unplugged");
            }
            if (card != sessionCard || presence != sessionPresence) {
                throw new CardRemovedException("the card left \"" + name() + "\"; present it again");
            }
        }

        /** What a PIN pad reader does: collect the digits, build VERIFY, send it, wipe. */
        private void verifyOnPad(PinSource keys) throws CardStatusException, CardTransportException {
            char[] pin = keys.takePin();
            if (pin == null) {
                throw new CardStatusException("VERIFY (PIN pad: cancelled)", PcscPinPad.SW_PIN_PAD_CANCELLED);
            }
            try {
                new CreditCardApplication(this).verifyPin(pin);
            } finally {
                Arrays.fill(pin, '\0');
            }
        }
    }
}

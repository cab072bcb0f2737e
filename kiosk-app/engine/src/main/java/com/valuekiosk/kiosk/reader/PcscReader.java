package com.valuekiosk.kiosk.reader;

import com.valuekiosk.card.host.CardTransport;
import com.valuekiosk.card.host.CardTransportException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.CommandAPDU;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real reader through PC/SC ({@code javax.smartcardio}, R-KI3), found by the name in the kiosk's
 * configuration: the terminal whose name equals it, else the first whose name contains it (ignoring
 * case) — "ACS ACR39U" finds "ACS ACR39U ICC Reader 00 00".
 *
 * <h2>Monitoring</h2>
 * {@link #start()} starts a daemon thread ("pcsc-monitor-&lt;name&gt;") that calls {@link #pollOnce()} every
 * poll interval (250 ms by default). A poll asks PC/SC, without waiting, whether the service runs, whether
 * the reader is there and whether a card is in it, and turns changes into events on that thread:
 * <ul>
 *   <li>{@code READER_FOUND} (then {@code CARD_INSERTED} when a card is already in it) when the reader
 *       becomes usable — also at the first poll that finds it;</li>
 *   <li>{@code CARD_INSERTED} / {@code CARD_REMOVED} while it is usable;</li>
 *   <li>{@code READER_LOST} when it goes away or the PC/SC service stops (no {@code CARD_REMOVED} then).</li>
 * </ul>
 * A card taken out and put back between two polls is not seen as an event; a session open on it fails with
 * {@link CardRemovedException} all the same.
 *
 * <p>PC/SC comes from {@link TerminalsSource#system()}, a {@link PcscContext}: when a poll finds the service gone
 * the reader {@link TerminalsSource#reset() resets} the context and a later poll establishes a new one, so pcscd
 * started after the kiosk, stopped or restarted needs no kiosk restart ({@code READER_LOST}, then
 * {@code READER_FOUND} once pcscd answers again).
 *
 * <p>It never blocks on PC/SC's "wait for change" calls (which, with pcscd running and no reader, throw
 * {@code SCARD_E_NO_READERS_AVAILABLE} at once, and without a timeout can hang a shutdown): missing
 * pieces are states, not exceptions — {@link State#SERVICE_UNAVAILABLE} when pcscd does not run (no context
 * can be established), {@link State#NO_READER} when it runs without
 * our reader. Before the first poll the state is {@code NO_READER}.
 *
 * <h2>Sessions</h2>
 * {@link #connect()} connects with protocol "*" and asks the reader for its PC/SC part 10 features; a
 * reader with FEATURE_VERIFY_PIN_DIRECT offers a {@link PcscPinPad}. Commands go through
 * {@link GetResponseTransport} (bounded 61xx / 6Cxx handling). A card that leaves during a command
 * ({@code SCARD_W_REMOVED_CARD}, {@code SCARD_E_NO_SMARTCARD}, also {@code SCARD_W_RESET_CARD}: another
 * program reset it) gives {@link CardRemovedException}; every other PC/SC failure {@link ReaderException}.
 * The JDK shares one connection per terminal, so use one session per reader at a time.
 *
 * <p>Tests replace PC/SC with a {@link TerminalsSource} of fakes and call {@link #pollOnce()} themselves.
 */
public final class PcscReader extends AbstractCardReader {

    /** Where the PC/SC terminals come from; tests give fakes. */
    @FunctionalInterface
    public interface TerminalsSource {

        /**
         * The PC/SC terminals, or empty when there is no PC/SC service to ask. Called at every poll; must
         * answer at once.
         */
        Optional<CardTerminals> terminals();

        /**
         * Forgets the PC/SC context: the reader calls it when PC/SC says the service is gone, so that the next
         * {@link #terminals()} establishes a new one (pcscd restarted). Nothing by default.
         */
        default void reset() {
        }

        /**
         * This machine's PC/SC: a {@link PcscContext} (jnasmartcardio), which establishes its context again after
         * pcscd stopped or restarted; the JDK's own provider keeps a dead one for the life of the JVM.
         */
        static TerminalsSource system() {
            return new PcscContext();
        }
    }

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(250);

    private static final Logger LOG = LoggerFactory.getLogger(PcscReader.class);

    private final String configuredName;
    private final TerminalsSource source;
    private final Duration pollInterval;
    private final int pinPadTimeoutSeconds;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Object pollLock = new Object();

    // Guarded by lock.
    private CardTerminal terminal;
    private String detail = "not polled yet";
    private Thread monitor;
    private Thread stopping;

    /** The configured reader on this machine's PC/SC, polled every 250 ms once {@link #start() started}. */
    public PcscReader(String readerName, Kind kind) {
        this(readerName, kind, TerminalsSource.system(), DEFAULT_POLL_INTERVAL);
    }

    public PcscReader(String readerName, Kind kind, TerminalsSource source, Duration pollInterval) {
        this(readerName, kind, source, pollInterval, PcscPinPad.DEFAULT_TIMEOUT_SECONDS);
    }

    /**
     * @param readerName the configured name: exact, or a part of the PC/SC name
     * @param pinPadTimeoutSeconds how long the reader's PIN pad waits for the PIN
     */
    public PcscReader(String readerName, Kind kind, TerminalsSource source, Duration pollInterval, int pinPadTimeoutSeconds) {
        super(checkedName(readerName), kind, State.NO_READER, Runnable::run);
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("the poll interval must be positive");
        }
        PcscPinPad.verifyPinStructure(pinPadTimeoutSeconds); // checks the range
        this.configuredName = readerName;
        this.source = Objects.requireNonNull(source, "source");
        this.pollInterval = pollInterval;
        this.pinPadTimeoutSeconds = pinPadTimeoutSeconds;
    }

    private static String checkedName(String readerName) {
        Objects.requireNonNull(readerName, "readerName");
        if (readerName.isBlank()) {
            throw new IllegalArgumentException("a reader name (or part of it) is required");
        }
        if (readerName.chars().anyMatch(Character::isISOControl)) {
            // Names go into logs and self-check lines; PC/SC reader names are printable.
            throw new IllegalArgumentException("a reader name must not contain control characters");
        }
        return readerName;
    }

    /** Starts the monitoring thread; the first poll runs on it at once. Idempotent. */
    public void start() {
        synchronized (lock) {
            if (isClosed()) {
                throw new IllegalStateException("reader \"" + configuredName + "\" is closed");
            }
            if (!running.compareAndSet(false, true)) {
                return;
            }
            monitor = new Thread(this::monitor, "pcsc-monitor-" + configuredName);
            monitor.setDaemon(true);
            monitor.start();
        }
    }

    private void monitor() {
        long pause = pollInterval.toMillis();
        while (running.get() && !Thread.currentThread().isInterrupted()) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                LOG.warn("Polling reader \"{}\" failed: {}", configuredName, PcscErrors.describe(e));
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * One look at PC/SC: updates the state and card presence and sends the events of any change to the
     * listeners, on the calling thread. Never blocks waiting for a change; never throws for PC/SC trouble.
     */
    public void pollOnce() {
        synchronized (pollLock) {
            try {
                Observation seen = observe();
                synchronized (lock) {
                    if (isClosed()) {
                        return;
                    }
                    apply(seen);
                }
            } finally {
                dispatchEvents();
            }
        }
    }

    /** What PC/SC says right now. Outside the state lock: PC/SC calls may take a moment. */
    private Observation observe() {
        Optional<CardTerminals> terminals;
        try {
            terminals = source.terminals();
        } catch (RuntimeException e) {
            source.reset();
            return new Observation(State.SERVICE_UNAVAILABLE, null, false, "PC/SC not usable: " + PcscErrors.describe(e));
        }
        if (terminals.isEmpty()) {
            return new Observation(State.SERVICE_UNAVAILABLE, null, false, "PC/SC service not running");
        }
        CardTerminal found;
        try {
            found = match(terminals.get().list());
        } catch (CardException | RuntimeException e) {
            return failed(e, "listing readers");
        }
        if (found == null) {
            return new Observation(State.NO_READER, null, false, "no reader matches \"" + configuredName + "\"");
        }
        try {
            return new Observation(State.READY, found, found.isCardPresent(), "ready: " + found.getName());
        } catch (CardException | RuntimeException e) {
            return failed(e, "asking " + found.getName() + " for a card");
        }
    }

    private Observation failed(Exception e, String doing) {
        String code = PcscErrors.describe(e);
        if (PcscErrors.isNoReader(e)) {
            return new Observation(State.NO_READER, null, false, "no reader (" + code + ")");
        }
        if (PcscErrors.isServiceUnavailable(e)) {
            source.reset(); // the context died with the service: the next poll establishes a new one
            return new Observation(State.SERVICE_UNAVAILABLE, null, false, "PC/SC service not available (" + code + ")");
        }
        return new Observation(State.NO_READER, null, false, doing + " failed: " + code);
    }

    /** Exact name first, then the first that contains the configured name, ignoring case. */
    CardTerminal match(List<CardTerminal> terminals) {
        for (CardTerminal candidate : terminals) {
            if (candidate.getName().equals(configuredName)) {
                return candidate;
            }
        }
        String wanted = configuredName.toLowerCase(Locale.ROOT);
        for (CardTerminal candidate : terminals) {
            if (candidate.getName().toLowerCase(Locale.ROOT).contains(wanted)) {
                return candidate;
            }
        }
        return null;
    }

    /** Under lock: the new observation; {@link #update} queues the events that tell the change. */
    private void apply(Observation seen) {
        if (seen.state != state() || !seen.detail.equals(detail)) {
            if (seen.state == State.READY) {
                LOG.info("Reader \"{}\": {}", configuredName, seen.detail);
            } else {
                LOG.warn("Reader \"{}\": {}", configuredName, seen.detail);
            }
        }
        update(seen.state, seen.cardPresent);
        terminal = seen.terminal;
        detail = seen.detail;
    }

    private record Observation(State state, CardTerminal terminal, boolean cardPresent, String detail) {
    }

    /** Words for the last poll, for diagnostics: "PC/SC service not running", "ready: ACS ACR39U …". */
    public String stateDetail() {
        synchronized (lock) {
            return detail;
        }
    }

    /** The PC/SC name of the matched terminal, while the reader is there. */
    public Optional<String> terminalName() {
        synchronized (lock) {
            return Optional.ofNullable(terminal).map(CardTerminal::getName);
        }
    }

    // ---------------------------------------------------------------- CardReader
    // name() is the configured name (events carry it too; see terminalName() for the PC/SC one); state() and
    // isCardPresent() are as of the last poll.

    @Override
    public CardSession connect() throws CardTransportException {
        CardTerminal target;
        synchronized (lock) {
            requireOpen();
            State state = state();
            if (state == State.SERVICE_UNAVAILABLE) {
                throw new ReaderException("reader \"" + configuredName + "\": " + detail);
            }
            if (state == State.NO_READER || terminal == null) {
                throw new ReaderException("reader \"" + configuredName + "\" is not connected (" + detail + ")");
            }
            target = terminal;
        }
        Card card;
        try {
            card = target.connect("*");
        } catch (CardNotPresentException e) {
            throw new NoCardException(configuredName);
        } catch (CardException | RuntimeException e) {
            if (PcscErrors.isCardGone(e)) {
                throw new NoCardException(configuredName);
            }
            throw new ReaderException("connecting to the card on \"" + configuredName + "\" failed: "
                    + PcscErrors.describe(e), e);
        }
        return new PcscSession(card, configuredName, pinPadTimeoutSeconds);
    }

    /** {@link #close()}: stops the monitoring thread and forgets the terminal. */
    @Override
    protected void onClose() {
        running.set(false);
        stopping = monitor;
        monitor = null;
        terminal = null;
        forgetCard();
    }

    /** {@link #close()}: waits up to a second for the monitoring thread. */
    @Override
    protected void afterClose() {
        Thread stopping;
        synchronized (lock) {
            stopping = this.stopping;
            this.stopping = null;
        }
        if (stopping != null && stopping != Thread.currentThread()) {
            stopping.interrupt();
            try {
                stopping.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** True while the monitoring thread runs. */
    public boolean isMonitoring() {
        synchronized (lock) {
            return monitor != null && monitor.isAlive();
        }
    }

    @Override
    public String toString() {
        return "PcscReader[" + configuredName + ", " + kind() + "]";
    }

    /** One connection to a card through PC/SC. */
    static final class PcscSession implements CardSession {

        private final Object sessionLock = new Object();
        private final Card card;
        private final CardChannel channel;
        private final String readerName;
        private final CardTransport transport;
        private final PinPad pinPad;
        private boolean closed; // guarded by sessionLock

        PcscSession(Card card, String readerName, int pinPadTimeoutSeconds) {
            this.card = card;
            this.channel = card.getBasicChannel();
            this.readerName = readerName;
            this.transport = new GetResponseTransport(this::exchange);
            this.pinPad = findPinPad(card, readerName, sessionLock, pinPadTimeoutSeconds);
        }

        /** Asks the reader for FEATURE_VERIFY_PIN_DIRECT; most readers without a pad refuse the request. */
        private static PinPad findPinPad(Card card, String readerName, Object sessionLock, int timeoutSeconds) {
            try {
                byte[] answer = card.transmitControlCommand(PcscPinPad.GET_FEATURE_REQUEST, new byte[0]);
                Integer verifyCode = PcscPinPad.features(answer).get(PcscPinPad.FEATURE_VERIFY_PIN_DIRECT);
                if (verifyCode != null) {
                    LOG.debug("Reader \"{}\" has a PIN pad (FEATURE_VERIFY_PIN_DIRECT)", readerName);
                    return new PcscPinPad(card, verifyCode, sessionLock, readerName, timeoutSeconds);
                }
            } catch (CardException | RuntimeException e) {
                LOG.debug("Reader \"{}\" answered no part 10 features: {}", readerName, PcscErrors.describe(e));
            }
            return null;
        }

        @Override
        public byte[] transmit(byte[] command) throws CardTransportException {
            Objects.requireNonNull(command, "command");
            synchronized (sessionLock) {
                if (closed) {
                    throw new IllegalStateException("this session on \"" + readerName + "\" was closed");
                }
                return transport.transmit(command);
            }
        }

        /** One exchange, as the JDK gives it. */
        private byte[] exchange(byte[] command) throws CardTransportException {
            CommandAPDU apdu;
            try {
                apdu = new CommandAPDU(command);
            } catch (IllegalArgumentException e) {
                // The command is not echoed: it may hold a PIN.
                throw new IllegalArgumentException("not a valid command APDU (" + command.length + " bytes): "
                        + e.getMessage());
            }
            try {
                return channel.transmit(apdu).getBytes();
            } catch (CardException e) {
                throw PcscErrors.translateExchange(e, readerName);
            } catch (IllegalStateException e) {
                throw PcscErrors.translate(e, readerName);
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                // PC/SC answered the command with no bytes at all, which jnasmartcardio cannot parse: pcscd does so
                // when the card went away while the command was in flight (vpcd's card closed the connection).
                // Whether the card executed it is unknown, as for SCARD_W_REMOVED_CARD.
                throw new CardRemovedException("the card on \"" + readerName + "\" gave no answer to the command "
                        + "(taken away during it?)");
            }
        }

        @Override
        public byte[] atr() {
            return card.getATR().getBytes();
        }

        @Override
        public Optional<PinPad> pinPad() {
            return Optional.ofNullable(pinPad);
        }

        /** Disconnects with a reset: the card loses its selection and PIN state. Idempotent. */
        @Override
        public void close() {
            synchronized (sessionLock) {
                if (closed) {
                    return;
                }
                closed = true;
                try {
                    card.disconnect(true);
                } catch (CardException | RuntimeException e) {
                    LOG.debug("Disconnecting from the card on \"{}\": {}", readerName, PcscErrors.describe(e));
                }
            }
        }
    }
}

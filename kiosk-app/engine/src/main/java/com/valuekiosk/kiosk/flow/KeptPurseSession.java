package com.valuekiosk.kiosk.flow;

import com.valuekiosk.card.host.PurseData;
import com.valuekiosk.kiosk.reader.CardEvent;
import com.valuekiosk.kiosk.reader.CardReader;
import com.valuekiosk.kiosk.reader.CardSession;
import java.util.Objects;
import java.util.Optional;

/**
 * The purse session one flow leaves open for the next one on the same visit (issue "speed"): the purchase reads the
 * e-money card with SELECT and keeps that session while the card stays in the field, and the charge-up after
 * "Charge up now" takes it — the purse still selected, its SELECT answer in hand — and goes straight to PROVE STATE
 * and CREDIT. The charge-up keeps its own read's session the same way until YES.
 *
 * <p>At most one session is kept. It is closed (the card powered down) when the card leaves the reader or the
 * reader is lost ({@link #watch}), when another session is kept, when its flow ends without handing it on and
 * when the visit ends ({@link #release()}: a new purchase or balance inquiry, the idle timeout through the flow's
 * {@code close}). Whoever {@link #take takes} it owns it and closes it. Nothing here talks to the card: a kept
 * session may have broken without an event (a card taken away and back between two polls, another program's
 * reset), so the taker treats a failure of its first command as "read anew" — which is safe because that first
 * command, PROVE STATE, only reads.
 *
 * <p>Thread-safe: events arrive on the reader's monitoring thread.
 */
public final class KeptPurseSession {

    /** A kept session on {@code reader}: the purse is the selected applet and answered {@code data} to its SELECT. */
    public record Kept(CardReader reader, CardSession session, PurseData data) {

        public Kept {
            Objects.requireNonNull(reader, "reader");
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(data, "data");
        }
    }

    private final boolean enabled;
    private Kept kept; // guarded by this

    private KeptPurseSession(boolean enabled) {
        this.enabled = enabled;
    }

    /** Keeps sessions; {@link #watch} the readers whose cards may leave. */
    public static KeptPurseSession create() {
        return new KeptPurseSession(true);
    }

    /** Keeps nothing: every session offered is closed at once (flows built without an engine). */
    public static KeptPurseSession never() {
        return new KeptPurseSession(false);
    }

    /** The kept session on {@code reader} is closed when its card leaves or the reader is lost. */
    public void watch(CardReader reader) {
        reader.addListener(event -> {
            if (event.type() == CardEvent.Type.CARD_REMOVED || event.type() == CardEvent.Type.READER_LOST) {
                release(reader);
            }
        });
    }

    /**
     * Keeps {@code session} (the purse selected in it, {@code data} its SELECT answer); one kept before is closed.
     *
     * @return what is kept, for {@link #release(Kept)}: each keeping is its own, also of a session kept again
     */
    public Kept keep(CardReader reader, CardSession session, PurseData data) {
        Kept offered = new Kept(reader, session, data);
        if (!enabled) {
            session.close();
            return offered;
        }
        Kept before;
        synchronized (this) {
            before = kept;
            kept = offered;
        }
        closeUnless(before, session);
        return offered;
    }

    /** The session kept on {@code reader}, now the caller's to use and close; empty when none is. */
    public Optional<Kept> take(CardReader reader) {
        synchronized (this) {
            if (kept == null || kept.reader() != reader) {
                return Optional.empty();
            }
            Kept taken = kept;
            kept = null;
            return Optional.of(taken);
        }
    }

    /** Closes the kept session, if any: the visit ended. */
    public void release() {
        Kept before;
        synchronized (this) {
            before = kept;
            kept = null;
        }
        closeUnless(before, null);
    }

    /**
     * Closes the kept session if {@code keeping} is still what is kept (a flow ends and takes back what it left; a
     * session another flow took and kept again is that flow's).
     */
    public void release(Kept keeping) {
        Kept before;
        synchronized (this) {
            if (kept == null || kept != keeping) {
                return;
            }
            before = kept;
            kept = null;
        }
        closeUnless(before, null);
    }

    /** Whether a session is kept (diagnostics and tests). */
    public synchronized boolean isKeeping() {
        return kept != null;
    }

    private void release(CardReader reader) {
        Kept before;
        synchronized (this) {
            if (kept == null || kept.reader() != reader) {
                return;
            }
            before = kept;
            kept = null;
        }
        closeUnless(before, null);
    }

    private static void closeUnless(Kept kept, CardSession stillWanted) {
        if (kept != null && kept.session() != stillWanted) {
            kept.session().close();
        }
    }
}

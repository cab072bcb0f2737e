package com.valuekiosk.kiosk.diagnostics.readers;

import com.valuekiosk.kiosk.diagnostics.atr.Atr;
import com.valuekiosk.kiosk.diagnostics.atr.KnownAtrs;
import com.valuekiosk.kiosk.reader.ReaderException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;

/**
 * Card and reader events live, for a technician moving cards: every {@link #poll()} looks at PC/SC once (no call
 * waits for a change) and answers what changed since the previous one — readers plugged in or out, cards put in
 * (with their ATR and its known name) or taken out, the PC/SC service gone or back. The first poll reports what
 * is there already. {@link #run} polls until told to stop.
 */
public final class CardWatch {

    /** One change. */
    public record Event(Instant time, Type type, String reader, String detail) {

        public enum Type { SERVICE_LOST, SERVICE_BACK, READER_ADDED, READER_REMOVED, CARD_INSERTED, CARD_REMOVED }

        /** "2026-12-06T03:01:02Z  CARD_INSERTED  ValueKiosk vpcd 00 00  ATR 3B …". */
        @Override
        public String toString() {
            return time + "  " + type + (reader.isEmpty() ? "" : "  " + reader) + (detail.isEmpty() ? "" : "  " + detail);
        }
    }

    private final PcscReaders readers;
    private final KnownAtrs knownAtrs;
    private final Clock clock;
    private final Map<String, Boolean> cards = new LinkedHashMap<>(); // reader -> card present, as last seen
    private Boolean serviceUp; // null before the first poll

    public CardWatch(PcscReaders readers, KnownAtrs knownAtrs, Clock clock) {
        this.readers = Objects.requireNonNull(readers, "readers");
        this.knownAtrs = Objects.requireNonNull(knownAtrs, "knownAtrs");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One look at PC/SC: the changes since the last look. Not thread-safe: one watcher polls. */
    public List<Event> poll() {
        List<Event> events = new ArrayList<>();
        List<CardTerminal> terminals;
        try {
            terminals = readers.terminals();
        } catch (ReaderException e) {
            if (!Boolean.FALSE.equals(serviceUp)) {
                events.add(event(Event.Type.SERVICE_LOST, "", e.getMessage()));
                for (String reader : cards.keySet()) {
                    events.add(event(Event.Type.READER_REMOVED, reader, ""));
                }
                cards.clear();
            }
            serviceUp = false;
            return events;
        }
        if (Boolean.FALSE.equals(serviceUp)) {
            events.add(event(Event.Type.SERVICE_BACK, "", "PC/SC answers again"));
        }
        serviceUp = true;
        Map<String, CardTerminal> now = new LinkedHashMap<>();
        for (CardTerminal terminal : terminals) {
            now.put(terminal.getName(), terminal);
        }
        for (String gone : List.copyOf(cards.keySet())) {
            if (!now.containsKey(gone)) {
                cards.remove(gone);
                events.add(event(Event.Type.READER_REMOVED, gone, ""));
            }
        }
        for (CardTerminal terminal : now.values()) {
            String name = terminal.getName();
            boolean present;
            try {
                present = terminal.isCardPresent();
            } catch (CardException e) {
                present = false;
            }
            Boolean before = cards.put(name, present);
            if (before == null) {
                events.add(event(Event.Type.READER_ADDED, name, present ? "with a card" : "empty"));
                if (present) {
                    events.add(event(Event.Type.CARD_INSERTED, name, atrOf(terminal)));
                }
            } else if (present && !before) {
                events.add(event(Event.Type.CARD_INSERTED, name, atrOf(terminal)));
            } else if (!present && before) {
                events.add(event(Event.Type.CARD_REMOVED, name, ""));
            }
        }
        return events;
    }

    /**
     * Polls every {@code interval} and hands each event to {@code sink} until {@code stop} says so or the thread is
     * interrupted.
     */
    public void run(Consumer<Event> sink, Duration interval, BooleanSupplier stop) throws InterruptedException {
        while (!stop.getAsBoolean()) {
            for (Event event : poll()) {
                sink.accept(event);
            }
            Thread.sleep(interval.toMillis()); // the pace of a person moving cards; no PC/SC call waits
        }
    }

    private String atrOf(CardTerminal terminal) {
        try {
            Card card = terminal.connect("*");
            try {
                Atr atr = Atr.parse(card.getATR().getBytes());
                List<String> names = knownAtrs.namesOf(atr);
                return "ATR " + atr.hex() + (names.isEmpty() ? "" : " (" + names.get(0) + ")");
            } finally {
                card.disconnect(false);
            }
        } catch (CardException | RuntimeException e) {
            return "(ATR not read: " + e.getMessage() + ")";
        }
    }

    private Event event(Event.Type type, String reader, String detail) {
        return new Event(clock.instant(), type, reader, Optional.ofNullable(detail).orElse(""));
    }
}

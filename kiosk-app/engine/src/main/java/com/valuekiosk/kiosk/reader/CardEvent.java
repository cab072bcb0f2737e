package com.valuekiosk.kiosk.reader;

/**
 * Something happened on a reader. Immutable.
 *
 * <p>Order: a reader that goes away while holding a card sends only {@code READER_LOST} (the card is
 * unreachable from then on); a reader that comes back sends {@code READER_FOUND}, then
 * {@code CARD_INSERTED} when a card is in it. {@code readerName} is the reader's {@link CardReader#name()}.
 */
public record CardEvent(Type type, String readerName) {

    public enum Type {
        CARD_INSERTED,
        CARD_REMOVED,
        /** The reader went away (unplugged) or the PC/SC service stopped. */
        READER_LOST,
        READER_FOUND
    }
}

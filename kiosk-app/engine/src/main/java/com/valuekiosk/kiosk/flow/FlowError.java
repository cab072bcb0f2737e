package com.valuekiosk.kiosk.flow;

/**
 * Every way a flow can end without success (R-KI1), each a distinct screen: what happened and
 * what the person should do next are the UI's words; the engine only names the case.
 */
public enum FlowError {
    /** The card is not one of ours (no credit card or purse applet), or it answered nonsense. */
    CARD_NOT_SUPPORTED,
    /** The card left the reader before the flow was done with it. */
    CARD_REMOVED_TOO_EARLY,
    /** No card on the reader when one was needed. */
    NO_CARD,
    /** The reader is missing or the PC/SC service is down. */
    READER_UNAVAILABLE,
    /** Wrong PIN; {@code FlowFailure.triesLeft} says how many tries remain. */
    WRONG_PIN,
    /** The PIN is blocked (too many wrong PINs); the card issuer must unblock it. */
    CARD_BLOCKED,
    /** Amount outside what the kiosk sells. */
    INVALID_AMOUNT,
    /** The credit company declined: over the card's credit quota (or the bank balance). */
    DECLINED_OVER_QUOTA,
    /** The credit company declined for another reason (card unknown, blocked, expired, refused cryptogram). */
    DECLINED,
    /** A server could not be reached or did not answer; nothing was billed or charged. */
    SERVER_UNREACHABLE,
    /** Nothing is waiting for this e-money card. */
    NOTHING_TO_CHARGE,
    /** The e-money card's password is wrong. */
    PASSWORD_WRONG,
    /** Too many wrong passwords: the e-money card is locked for a while. */
    PASSWORD_LOCKED,
    /** The e-money card is not registered with the e-money server. */
    EMONEY_CARD_UNKNOWN,
    /** The e-money card cannot hold the amount (maximum balance). */
    CARD_FULL,
    /** The same card is still on the reader after a completed charge-up; take it away first. */
    CARD_STILL_ON_READER,
    /** A defect: the log has details. */
    INTERNAL
}

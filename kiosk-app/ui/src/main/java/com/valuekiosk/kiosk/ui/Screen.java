package com.valuekiosk.kiosk.ui;

/** Every screen of the kiosk (R-KI1, FIG. 9A-10C). The shell shows exactly one at a time. */
public enum Screen {
    /** FIG. 9A: purchase, balance inquiry, charge-up. */
    MENU,
    /** FIG. 9B: cards, PIN, amount, TRANSMIT. */
    PURCHASE,
    /** What the kiosk is doing while a flow command runs ("Reading your card…"). */
    PROCESSING,
    /** The approved purchase's receipt (R-KI7), with save. */
    RECEIPT,
    /** FIG. 10A: place the e-money card; password with keypad when the card has one. */
    CHARGE_UP,
    /** FIG. 10B: amount available for charging-up, YES / NO. */
    CONFIRM,
    /** FIG. 10C: charged up with, balance after. */
    COMPLETED,
    /** After NO on FIG. 10B: the VALUE stays on the server. */
    KEPT_FOR_LATER,
    /** Balance and the card's log. */
    BALANCE,
    /** One problem, what to do next, try again or back to the menu. */
    ERROR,
    /** "Please take your card": instead of the menu while a card is left in the slot; the menu once it is taken. */
    TAKE_CARD
}

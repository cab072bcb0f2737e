package com.valuekiosk.card.host;

import java.time.YearMonth;
import java.util.Currency;

/**
 * The demo card set: what the simulated cards are personalised with and what the servers' demo
 * data registers, so that both sides agree without configuration. The numbers are outside every
 * real card range we know of; the keys are {@link IssuerMasterKeys#demo()}.
 */
public final class DemoCards {

    private DemoCards() {
    }

    public static final Currency YEN = Currency.getInstance("JPY");
    /** Demo PIN of every demo credit card. */
    public static final String PIN = "1234";

    /** A contact credit IC card. */
    public static final CreditCardProfile CREDIT_CARD = new CreditCardProfile(
            CardNumber.of("4999 9900 0000 0013"), "TARO YAMADA", YearMonth.of(2030, 12), PIN, 3);
    /** A contactless credit card (FIG. 14A). */
    public static final CreditCardProfile CONTACTLESS_CREDIT_CARD = new CreditCardProfile(
            CardNumber.of("4999 9900 0000 0021"), "HANAKO SATO", YearMonth.of(2031, 6), PIN, 3);
    /** The credit side of the combo card (FIG. 14B). */
    public static final CreditCardProfile COMBO_CREDIT = new CreditCardProfile(
            CardNumber.of("4999 9900 0000 0039"), "JIRO SUZUKI", YearMonth.of(2029, 3), PIN, 3);

    /** An e-money card holding ¥1,000, as in FIG. 10C (¥2,000 charged, ¥3,000 after). */
    public static final PurseProfile EMONEY_CARD = new PurseProfile(
            CardNumber.of("9999 0100 0000 0017"), YEN, 50_000, 1_000);
    /** The purse side of the combo card. */
    public static final PurseProfile COMBO_PURSE = new PurseProfile(
            CardNumber.of("9999 0100 0000 0025"), YEN, 50_000, 0);
    /** The purse of a phone (FIG. 14C). */
    public static final PurseProfile PHONE_PURSE = new PurseProfile(
            CardNumber.of("9999 0100 0000 0033"), YEN, 100_000, 5_000);
}

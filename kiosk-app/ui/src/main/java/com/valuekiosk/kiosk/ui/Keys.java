package com.valuekiosk.kiosk.ui;

import com.valuekiosk.kiosk.flow.FlowError;

/**
 * The keys of the message bundles. Every text a screen shows is one of these constants or an
 * {@link #errorWhat}/{@link #errorNext} key; LocalizationConsistencyTest checks that the bundles hold
 * exactly these keys, in every language.
 */
public final class Keys {

    public static final String APP_TITLE = "app.title";
    public static final String LANGUAGE_JA = "language.ja";
    public static final String LANGUAGE_EN = "language.en";

    public static final String COMMON_MENU = "common.menu";
    public static final String COMMON_TRY_AGAIN = "common.tryAgain";
    public static final String COMMON_TRANSMIT = "common.transmit";
    public static final String COMMON_YES = "common.yes";
    public static final String COMMON_NO = "common.no";
    public static final String KEYPAD_CLEAR = "keypad.clear";
    public static final String KEYPAD_DELETE = "keypad.delete";

    public static final String MENU_TITLE = "menu.title";
    public static final String MENU_PURCHASE = "menu.purchase";
    public static final String MENU_BALANCE = "menu.balance";
    public static final String MENU_CHARGE_UP = "menu.chargeUp";

    public static final String PURCHASE_INSTRUCTION = "purchase.instruction";
    public static final String PURCHASE_PIN = "purchase.pin";
    public static final String PURCHASE_AMOUNT = "purchase.amount";

    public static final String PROCESSING_READING_CARD = "processing.readingCard";
    public static final String PROCESSING_CHECKING_PIN = "processing.checkingPin";
    public static final String PROCESSING_CONTACTING_CREDIT = "processing.contactingCredit";
    public static final String PROCESSING_CONTACTING_EMONEY = "processing.contactingEmoney";
    public static final String PROCESSING_WRITING_CARD = "processing.writingCard";
    public static final String PROCESSING_KEEP_CARD = "processing.keepCard";

    public static final String RECEIPT_TITLE = "receipt.title";
    public static final String RECEIPT_SAVE = "receipt.save";
    public static final String RECEIPT_SAVED = "receipt.saved";
    public static final String RECEIPT_SAVE_FAILED = "receipt.saveFailed";
    public static final String RECEIPT_CHARGE_UP_NOW = "receipt.chargeUpNow";

    public static final String CHARGE_UP_TITLE = "chargeUp.title";
    public static final String CHARGE_UP_PLACE_CARD = "chargeUp.placeCard";
    public static final String CHARGE_UP_PASSWORD_INSTRUCTION = "chargeUp.passwordInstruction";
    public static final String CHARGE_UP_PASSWORD = "chargeUp.password";
    public static final String CHARGE_UP_PASSWORD_WRONG = "chargeUp.passwordWrong";

    public static final String CONFIRM_AVAILABLE = "confirm.available";
    public static final String CONFIRM_QUESTION = "confirm.question";
    public static final String CONFIRM_BALANCES = "confirm.balances";
    public static final String CONFIRM_OVER_MAXIMUM = "confirm.overMaximum";
    public static final String CONFIRM_NO_MEANING = "confirm.noMeaning";

    public static final String COMPLETED_CHARGED = "completed.charged";
    public static final String COMPLETED_BALANCE = "completed.balance";
    public static final String COMPLETED_TAKE_CARD = "completed.takeCard";

    public static final String KEPT_TITLE = "kept.title";
    public static final String KEPT_TEXT = "kept.text";

    public static final String BALANCE_TITLE = "balance.title";
    public static final String BALANCE_CARD = "balance.card";
    public static final String BALANCE_AMOUNT = "balance.amount";
    public static final String BALANCE_MAXIMUM = "balance.maximum";
    public static final String BALANCE_LOG = "balance.log";
    public static final String BALANCE_LOG_EMPTY = "balance.logEmpty";
    public static final String BALANCE_CREDIT = "balance.credit";
    public static final String BALANCE_DEBIT = "balance.debit";

    public static final String ERROR_TITLE = "error.title";
    public static final String REMOVED_WHAT = "removed.what";
    public static final String REMOVED_NEXT = "removed.next";
    public static final String REMOVED_RETRY = "removed.retry";

    // Shell: theme switch, idle timeout, attendant screen, texts for screen readers
    public static final String HEADER_HIGH_CONTRAST = "header.highContrast";
    public static final String IDLE_QUESTION = "idle.question";
    public static final String IDLE_COUNTDOWN = "idle.countdown";
    public static final String IDLE_CONTINUE = "idle.continue";
    public static final String ATTENDANT_TITLE = "attendant.title";
    public static final String ATTENDANT_INSTRUCTION = "attendant.instruction";
    public static final String ATTENDANT_CODE = "attendant.code";
    public static final String ATTENDANT_WRONG = "attendant.wrong";
    public static final String ATTENDANT_LOCKED = "attendant.locked";
    public static final String ATTENDANT_LEAVE = "attendant.leave";
    public static final String ATTENDANT_BACK = "attendant.back";
    public static final String ATTENDANT_DIAGNOSTICS = "attendant.diagnostics";

    // The attendant's diagnostics screen
    public static final String DIAGNOSTICS_TITLE = "diagnostics.title";
    public static final String DIAGNOSTICS_INSTRUCTION = "diagnostics.instruction";
    public static final String DIAGNOSTICS_RUN = "diagnostics.run";
    public static final String DIAGNOSTICS_SAVE = "diagnostics.save";
    public static final String DIAGNOSTICS_CLOSE = "diagnostics.close";
    public static final String DIAGNOSTICS_READY = "diagnostics.ready";
    public static final String DIAGNOSTICS_RUNNING = "diagnostics.running";
    public static final String DIAGNOSTICS_DONE = "diagnostics.done";
    public static final String DIAGNOSTICS_FAILED = "diagnostics.failed";
    public static final String DIAGNOSTICS_SAVED = "diagnostics.saved";
    public static final String DIAGNOSTICS_NOT_SAVED = "diagnostics.notSaved";
    public static final String A11Y_PIN_FIELD = "a11y.pinField";
    public static final String A11Y_PASSWORD_FIELD = "a11y.passwordField";
    public static final String A11Y_CODE_FIELD = "a11y.codeField";
    public static final String A11Y_AMOUNT_FIELD = "a11y.amountField";
    public static final String A11Y_AMOUNT_EMPTY = "a11y.amountEmpty";
    public static final String A11Y_PRESET = "a11y.preset";
    public static final String A11Y_DIGIT_KEY = "a11y.digitKey";
    public static final String A11Y_DELETE_KEY = "a11y.deleteKey";
    public static final String A11Y_CLEAR_KEY = "a11y.clearKey";

    // --- Output: receipt text, receipt printing, voice guidance (R-KI7, R-KI2) ---
    public static final String RECEIPT_LINE_HEADING = "receipt.line.heading";
    /** A java.time DateTimeFormatter pattern for the receipt's date and time. */
    public static final String RECEIPT_LINE_DATE_TIME_PATTERN = "receipt.line.dateTimePattern";
    public static final String RECEIPT_LINE_DATE = "receipt.line.date";
    public static final String RECEIPT_LINE_TERMINAL = "receipt.line.terminal";
    public static final String RECEIPT_LINE_CREDIT_CARD = "receipt.line.creditCard";
    public static final String RECEIPT_LINE_EMONEY_CARD = "receipt.line.emoneyCard";
    public static final String RECEIPT_LINE_CHARGED = "receipt.line.charged";
    public static final String RECEIPT_LINE_PURCHASE_ID = "receipt.line.purchaseId";
    public static final String RECEIPT_PRINT = "receipt.print";
    public static final String RECEIPT_PRINTING = "receipt.printing";
    public static final String RECEIPT_PRINTED = "receipt.printed";
    public static final String RECEIPT_PRINTER_NOT_FOUND = "receipt.printerNotFound";
    public static final String RECEIPT_PRINT_FAILED = "receipt.printFailed";
    public static final String AUDIO_GUIDANCE_ON = "audio.guidanceOn";
    public static final String AUDIO_GUIDANCE_OFF = "audio.guidanceOff";
    public static final String AUDIO_GUIDANCE_NO_DEVICE = "audio.guidanceNoDevice";

    // "Please take your card" (takecard/)
    public static final String TAKE_CARD_TITLE = "takeCard.title";
    public static final String TAKE_CARD_NEXT = "takeCard.next";

    // The journey's steps (controls/StepBar)
    public static final String STEP_CARDS_PIN_AMOUNT = "step.cardsPinAmount";
    public static final String STEP_PAYMENT = "step.payment";
    public static final String STEP_RECEIPT = "step.receipt";
    public static final String STEP_CHARGE_UP = "step.chargeUp";
    public static final String STEP_PLACE_CARD = "step.placeCard";
    public static final String STEP_CONFIRM = "step.confirm";
    public static final String STEP_DONE = "step.done";
    public static final String A11Y_STEP = "a11y.step";

    // ---- Card events, FIG. 14A–14C card variants, usability card panel (R-KI3, R-UT1) ----
    public static final String CHARGE_UP_REMOVE_AND_TAP_AGAIN = "chargeUp.removeAndTapAgain";
    public static final String CHARGE_UP_NOT_EMONEY = "chargeUp.notEmoney";
    public static final String BALANCE_PLACE_CARD = "balance.placeCard";

    public static final String PURCHASE_VARIANT_TITLE = "purchase.variant.title";
    public static final String PURCHASE_VARIANT_IC_CARD = "purchase.variant.icCard";
    public static final String PURCHASE_VARIANT_CONTACTLESS_CREDIT = "purchase.variant.contactlessCredit";
    public static final String PURCHASE_VARIANT_COMBO = "purchase.variant.combo";
    public static final String PURCHASE_VARIANT_PHONE = "purchase.variant.phone";
    public static final String PURCHASE_INSTRUCTION_CONTACTLESS_CREDIT = "purchase.instruction.contactlessCredit";
    public static final String PURCHASE_INSTRUCTION_COMBO = "purchase.instruction.combo";
    public static final String PURCHASE_INSTRUCTION_PHONE = "purchase.instruction.phone";
    public static final String PURCHASE_CARD_IC_READY = "purchase.card.icReady";
    public static final String PURCHASE_CARD_IC_MISSING = "purchase.card.icMissing";
    public static final String PURCHASE_CARD_EMONEY_READY = "purchase.card.emoneyReady";
    public static final String PURCHASE_CARD_EMONEY_MISSING = "purchase.card.emoneyMissing";
    public static final String PURCHASE_CARD_PHONE_READY = "purchase.card.phoneReady";
    public static final String PURCHASE_CARD_PHONE_MISSING = "purchase.card.phoneMissing";
    public static final String PURCHASE_CARD_COMBO_READY = "purchase.card.comboReady";
    public static final String PURCHASE_CARD_COMBO_MISSING = "purchase.card.comboMissing";
    public static final String PURCHASE_CARD_CONTACTLESS_MISSING = "purchase.card.contactlessMissing";
    public static final String PURCHASE_CARD_CONTACTLESS_READ = "purchase.card.contactlessRead";
    public static final String PURCHASE_CARD_CONTACTLESS_AGAIN = "purchase.card.contactlessAgain";
    public static final String PURCHASE_CARD_CONTACTLESS_ON_PAD = "purchase.card.contactlessOnPad";
    public static final String PURCHASE_CARD_EMONEY_AFTER_CREDIT = "purchase.card.emoneyAfterCredit";
    public static final String PURCHASE_CARD_EMONEY_NEXT = "purchase.card.emoneyNext";
    public static final String PURCHASE_CARD_EMONEY_READ = "purchase.card.emoneyRead";
    public static final String PURCHASE_CARD_WRONG = "purchase.card.wrong";
    public static final String PURCHASE_CARD_TAKE_AWAY_FIRST = "purchase.card.takeAwayFirst";
    public static final String PURCHASE_HINT_PIN = "purchase.hint.pin";
    public static final String PURCHASE_HINT_AMOUNT = "purchase.hint.amount";
    public static final String PURCHASE_HINT_AMOUNT_TOO_HIGH = "purchase.hint.amountTooHigh";
    public static final String PURCHASE_HINT_AMOUNT_TOO_LOW = "purchase.hint.amountTooLow";
    // ---- end card events, card variants, card panel ----

    private Keys() {
    }

    /** What happened, for each {@link FlowError}. {@code error.WRONG_PIN.what} takes the tries left as {0}. */
    public static String errorWhat(FlowError error) {
        return "error." + error.name() + ".what";
    }

    /** What the person should do next, for each {@link FlowError}. */
    public static String errorNext(FlowError error) {
        return "error." + error.name() + ".next";
    }
}

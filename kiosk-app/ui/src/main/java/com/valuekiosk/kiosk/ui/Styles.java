package com.valuekiosk.kiosk.ui;

/** CSS class names of {@code com/valuekiosk/assets/css/kiosk.css} (AtlantaFX {@code Styles}): no literals in views. */
public final class Styles {

    public static final String KIOSK_CSS = "/com/valuekiosk/assets/css/kiosk.css";
    public static final String HIGH_CONTRAST_CSS = "/com/valuekiosk/assets/css/high-contrast.css";

    public static final String HEADER = "kiosk-header";
    public static final String LANGUAGE_BUTTON = "language-button";
    public static final String SCREEN = "screen";
    public static final String SCREEN_CENTERED = "screen-centered";
    public static final String SCREEN_TITLE = "screen-title";
    public static final String INSTRUCTION = "instruction";
    public static final String BIG_TEXT = "big-text";
    public static final String SECONDARY_TEXT = "secondary-text";
    public static final String MENU_BUTTON = "menu-button";
    public static final String PRIMARY_BUTTON = "primary-button";
    public static final String SECONDARY_BUTTON = "secondary-button";
    public static final String INPUT_FIELD = "input-field";
    public static final String INPUT_FIELD_ACTIVE = "input-field-active";
    public static final String FIELD_LABEL = "field-label";
    public static final String KEYPAD = "keypad";
    public static final String KEYPAD_KEY = "keypad-key";
    public static final String KEYPAD_KEY_SMALL_TEXT = "keypad-key-small-text";
    public static final String PRESET_BUTTON = "preset-button";
    public static final String PROCESSING_INDICATOR = "processing-indicator";
    public static final String ERROR_WHAT = "error-what";
    public static final String WARNING_TEXT = "warning-text";
    public static final String RECEIPT_TEXT = "receipt-text";
    public static final String LOG_ROW = "log-row";
    /** The journey's steps under the header ({@code controls/StepBar}). */
    public static final String STEP_BAR = "step-bar";
    public static final String STEP = "step";
    public static final String STEP_DONE = "step-done";
    public static final String STEP_CURRENT = "step-current";
    /** The moving pictures of where each card goes ({@code controls/CardPictogram}). */
    public static final String PICTOGRAM = "pictogram";
    public static final String PICTOGRAM_CARD = "pictogram-card";
    public static final String PICTOGRAM_CHIP = "pictogram-chip";
    public static final String PICTOGRAM_READER = "pictogram-reader";
    public static final String PICTOGRAM_WAVE = "pictogram-wave";

    // Shell (kiosk mode, idle timeout, theme switch)
    public static final String HEADER_TOGGLE = "header-toggle";
    /** The dimmed layer under an overlay, which takes the touches meant for the screen below. */
    public static final String OVERLAY = "overlay";
    // The attendant's diagnostics screen: its result list, its small text, and a result's verdict tag
    // (with verdict-pass / verdict-warn / verdict-fail).
    public static final String DIAGNOSTICS_LIST = "diagnostics-list";
    public static final String DIAGNOSTICS_TEXT = "diagnostics-text";
    public static final String DIAGNOSTICS_DETAILS = "diagnostics-details";
    public static final String VERDICT_TAG = "verdict-tag";
    /** The box of an overlay (idle warning, attendant screen). */
    public static final String DIALOG = "dialog";

    // ---- Card events, card variants, usability card panel ----
    public static final String VARIANT_BUTTON = "variant-button";
    public static final String PRESET_BUTTON_COMPACT = "preset-button-compact";
    public static final String SCREEN_DENSE = "screen-dense";
    public static final String CARD_IN_PLACE = "card-in-place";
    public static final String CARD_MISSING = "card-missing";
    /** A card that was not the one asked for: said in red, unlike a card still to come. */
    public static final String CARD_WRONG = "card-wrong";
    public static final String CARD_PANEL = "card-panel";
    public static final String PANEL_BUTTON = "panel-button";
    public static final String PANEL_TEXT = "panel-text";
    // ---- end card events, card variants, card panel ----

    private Styles() {
    }
}

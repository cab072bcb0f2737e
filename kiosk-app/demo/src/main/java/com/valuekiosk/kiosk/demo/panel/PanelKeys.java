package com.valuekiosk.kiosk.demo.panel;

/**
 * Keys of the card panel's texts (bundles {@code com/valuekiosk/kiosk/demo/panel/panel_*.properties}, read through
 * {@link PanelTexts}). The kiosk's own screens use {@code com.valuekiosk.kiosk.ui.Keys}; the panel is not part of a
 * site kiosk, so neither are its texts. {@code PanelLocalizationTest} holds keys and bundles in step.
 */
public final class PanelKeys {

    public static final String PANEL_TITLE = "panel.title";
    public static final String PANEL_CARD_CREDIT = "panel.card.credit";
    public static final String PANEL_CARD_CONTACTLESS_CREDIT = "panel.card.contactlessCredit";
    public static final String PANEL_CARD_EMONEY = "panel.card.emoney";
    public static final String PANEL_CARD_COMBO = "panel.card.combo";
    public static final String PANEL_CARD_PHONE = "panel.card.phone";
    public static final String PANEL_INSERT = "panel.insert";
    public static final String PANEL_TAP = "panel.tap";
    public static final String PANEL_REMOVE = "panel.remove";
    public static final String PANEL_CONTACT_HOLDS = "panel.contactHolds";
    public static final String PANEL_CONTACTLESS_HOLDS = "panel.contactlessHolds";
    public static final String PANEL_EMPTY = "panel.empty";
    public static final String PANEL_OTHER_CARD = "panel.otherCard";
    public static final String PANEL_FAULTS = "panel.faults";
    public static final String PANEL_REMOVE_DURING_WRITE = "panel.removeDuringWrite";
    public static final String PANEL_REMOVE_BEFORE_ANSWER = "panel.removeBeforeAnswer";
    public static final String PANEL_DISARM = "panel.disarm";
    public static final String PANEL_FAULT_NONE = "panel.fault.none";
    public static final String PANEL_FAULT_ARMED_WRITE_LOST = "panel.fault.armedWriteLost";
    public static final String PANEL_FAULT_ARMED_ANSWER_LOST = "panel.fault.armedAnswerLost";
    public static final String PANEL_FAULT_FIRED = "panel.fault.fired";
    public static final String PANEL_TECHNICIAN = "panel.technician";
    public static final String PANEL_DIAGNOSTICS = "panel.diagnostics";
    public static final String PANEL_STUDY = "panel.study";
    public static final String PANEL_PARTICIPANT = "panel.participant";
    public static final String PANEL_PARTICIPANT_PROMPT = "panel.participantPrompt";
    public static final String PANEL_START_SESSION = "panel.startSession";
    public static final String PANEL_SESSION_NONE = "panel.session.none";
    public static final String PANEL_SESSION_STARTED = "panel.session.started";
    private PanelKeys() {
    }
}

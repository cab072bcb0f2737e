package com.valuekiosk.kiosk.demo.panel;

import static com.valuekiosk.kiosk.ui.controls.Views.button;
import static com.valuekiosk.kiosk.ui.controls.Views.label;

import com.valuekiosk.kiosk.ui.Messages;
import com.valuekiosk.kiosk.ui.Styles;
import com.valuekiosk.kiosk.ui.View;
import java.util.Optional;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The usability card panel (R-UT1), a separate node placed beside the kiosk screen in demo / usability mode
 * only ({@link KioskWithPanel}). Node ids: for every card {@code panel-<card>-insert}, {@code panel-<card>-tap},
 * {@code panel-<card>-remove} (cards: {@link PanelCard#id()}); {@code panel-contact-holds},
 * {@code panel-contactless-holds} (what each reader holds), {@code panel-remove-during-write},
 * {@code panel-remove-before-answer}, {@code panel-disarm}, {@code panel-fault} (what is armed or happened); in
 * usability mode ({@link #addStudy}) {@code panel-participant}, {@code panel-start-session}, {@code panel-session}.
 */
public final class CardPanel implements View {

    /** Wide enough for the Japanese labels beside a 1280 px kiosk screen. */
    public static final double WIDTH = 440;

    private final VBox root;
    private final PanelTexts messages;

    /** @param kioskMessages the kiosk's texts: the panel speaks the language the kiosk screen speaks */
    public CardPanel(CardPanelViewModel model, Messages kioskMessages) {
        messages = new PanelTexts(kioskMessages);
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(6);
        int row = 0;
        for (PanelCard card : model.cards()) {
            Label name = label(messages.text(card.nameKey()), Styles.PANEL_TEXT);
            name.setWrapText(true); // the name gives way, never the buttons' words
            name.setMinWidth(0);
            Button insert = cardButton("panel-" + card.id() + "-insert", messages, PanelKeys.PANEL_INSERT, () -> model.insert(card),
                    model.canInsert(card), model.fitsContact(card));
            Button tap = cardButton("panel-" + card.id() + "-tap", messages, PanelKeys.PANEL_TAP, () -> model.tap(card),
                    model.canTap(card), model.fitsContactless(card));
            Button remove = cardButton("panel-" + card.id() + "-remove", messages, PanelKeys.PANEL_REMOVE, () -> model.remove(card),
                    model.canRemove(card), true);
            grid.addRow(row++, name, insert, tap, remove);
        }

        Label contactHolds = holds("panel-contact-holds", PanelKeys.PANEL_CONTACT_HOLDS, model.contactHoldsProperty(),
                model.contactOccupiedProperty(), messages);
        Label contactlessHolds = holds("panel-contactless-holds", PanelKeys.PANEL_CONTACTLESS_HOLDS,
                model.contactlessHoldsProperty(), model.contactlessOccupiedProperty(), messages);

        Button duringWrite = button("panel-remove-during-write", messages.text(PanelKeys.PANEL_REMOVE_DURING_WRITE),
                model::removeDuringWrite, Styles.PANEL_BUTTON);
        Button beforeAnswer = button("panel-remove-before-answer", messages.text(PanelKeys.PANEL_REMOVE_BEFORE_ANSWER),
                model::removeBeforeTheAnswer, Styles.PANEL_BUTTON);
        Button disarm = button("panel-disarm", messages.text(PanelKeys.PANEL_DISARM), model::disarm, Styles.PANEL_BUTTON);
        disarm.disableProperty().bind(model.faultProperty().isEqualTo(CardPanelViewModel.FaultState.NONE));
        for (Button button : new Button[] {duringWrite, beforeAnswer}) {
            button.setMaxWidth(Double.MAX_VALUE);
        }
        Label fault = label("panel-fault", messages.text(() -> messages.get(faultKey(model.faultProperty().get())),
                model.faultProperty()), Styles.PANEL_TEXT);

        root = new VBox(10,
                label(messages.text(PanelKeys.PANEL_TITLE), Styles.FIELD_LABEL),
                grid, contactHolds, contactlessHolds,
                label(messages.text(PanelKeys.PANEL_FAULTS), Styles.FIELD_LABEL),
                duringWrite, beforeAnswer, disarm, fault);
        root.getStyleClass().add(Styles.CARD_PANEL);
        root.setPrefWidth(WIDTH);
        root.setMinWidth(WIDTH);
        root.setId("card-panel");
    }

    /**
     * The technician's section: the diagnostics screen a site kiosk opens after the attendant code (the demo has no
     * kiosk mode, so the panel opens it), here on the simulated readers and the demo servers.
     */
    public void addDiagnostics(Runnable open) {
        Button diagnostics = button("panel-diagnostics", messages.text(PanelKeys.PANEL_DIAGNOSTICS), open, Styles.PANEL_BUTTON);
        diagnostics.setMaxWidth(Double.MAX_VALUE);
        root.getChildren().addAll(label(messages.text(PanelKeys.PANEL_TECHNICIAN), Styles.FIELD_LABEL), diagnostics);
    }

    /**
     * Usability mode: the study section below the faults — the participant's code and "Start session", which marks
     * the start of that participant's session, and the last session marked.
     */
    public void addStudy(StudyViewModel study) {
        javafx.scene.control.TextField participant = new javafx.scene.control.TextField();
        participant.setId("panel-participant");
        participant.textProperty().bindBidirectional(study.participantProperty());
        participant.promptTextProperty().bind(messages.text(PanelKeys.PANEL_PARTICIPANT_PROMPT));
        participant.setOnAction(event -> study.startSession());
        participant.getStyleClass().add(Styles.PANEL_TEXT);
        participant.setPrefColumnCount(8);
        HBox.setHgrow(participant, Priority.ALWAYS);
        Button start = button("panel-start-session", messages.text(PanelKeys.PANEL_START_SESSION), study::startSession,
                Styles.PANEL_BUTTON);
        start.disableProperty().bind(study.canStart().not());
        start.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label marked = label("panel-session", messages.text(() -> {
            StudyViewModel.Mark mark = study.markedProperty().get();
            return mark == null ? messages.get(PanelKeys.PANEL_SESSION_NONE)
                    : messages.get(PanelKeys.PANEL_SESSION_STARTED, String.valueOf(mark.session()), mark.participant());
        }, study.markedProperty()), Styles.PANEL_TEXT);
        marked.setWrapText(true);
        Label code = label(messages.text(PanelKeys.PANEL_PARTICIPANT), Styles.PANEL_TEXT);
        code.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the field gives way, never the label's word
        HBox row = new HBox(6, code, participant, start);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        root.getChildren().addAll(label(messages.text(PanelKeys.PANEL_STUDY, study.study()), Styles.FIELD_LABEL), row, marked);
    }

    private static Button cardButton(String id, PanelTexts messages, String key, Runnable action, BooleanBinding enabled,
                                     boolean fits) {
        Button button = button(id, messages.text(key), action, Styles.PANEL_BUTTON);
        button.disableProperty().bind(enabled.not());
        button.setWrapText(false);
        button.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        // A card that cannot go into that reader at all has no button there (a phone has no contacts).
        button.setVisible(fits);
        return button;
    }

    private static Label holds(String id, String key, ReadOnlyObjectProperty<Optional<PanelCard>> holds,
                               ReadOnlyBooleanProperty occupied, PanelTexts messages) {
        return label(id, messages.text(() -> messages.get(key, holds.get().map(card -> messages.get(card.nameKey()))
                .orElseGet(() -> messages.get(occupied.get() ? PanelKeys.PANEL_OTHER_CARD : PanelKeys.PANEL_EMPTY))), holds, occupied),
                Styles.PANEL_TEXT);
    }

    private static String faultKey(CardPanelViewModel.FaultState state) {
        return switch (state) {
            case NONE -> PanelKeys.PANEL_FAULT_NONE;
            case ARMED_WRITE_LOST -> PanelKeys.PANEL_FAULT_ARMED_WRITE_LOST;
            case ARMED_ANSWER_LOST -> PanelKeys.PANEL_FAULT_ARMED_ANSWER_LOST;
            case FIRED -> PanelKeys.PANEL_FAULT_FIRED;
        };
    }

    @Override
    public Parent root() {
        return root;
    }
}

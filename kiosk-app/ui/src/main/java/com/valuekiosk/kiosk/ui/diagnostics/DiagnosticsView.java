package com.valuekiosk.kiosk.ui.diagnostics;

import static com.valuekiosk.kiosk.ui.controls.Views.button;
import static com.valuekiosk.kiosk.ui.controls.Views.label;

import com.valuekiosk.kiosk.diagnostics.CheckResult;
import com.valuekiosk.kiosk.diagnostics.Finding;
import com.valuekiosk.kiosk.diagnostics.Verdict;
import com.valuekiosk.kiosk.ui.Keys;
import com.valuekiosk.kiosk.ui.Messages;
import com.valuekiosk.kiosk.ui.Styles;
import com.valuekiosk.kiosk.ui.View;
import com.valuekiosk.kiosk.ui.controls.Views;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The diagnostics screen, over the kiosk's screens: "Run all checks", "Save report", "Close"; the results, one row
 * per check with its verdict; the chosen result's findings beside them. The checks' own words are the engine's
 * (English, as in the handed-over report); the screen's are the kiosk's language. Node ids: diagnostics-screen,
 * diagnostics-run, diagnostics-save, diagnostics-close, diagnostics-status, diagnostics-results, diagnostics-details.
 */
public final class DiagnosticsView implements View {

    private final StackPane root;

    public DiagnosticsView(DiagnosticsViewModel model, Messages messages) {
        Button run = button("diagnostics-run", messages.text(Keys.DIAGNOSTICS_RUN), model::runAll, Styles.PRIMARY_BUTTON);
        run.disableProperty().bind(model.runningProperty());
        Button save = button("diagnostics-save", messages.text(Keys.DIAGNOSTICS_SAVE), model::saveReport, Styles.SECONDARY_BUTTON);
        save.disableProperty().bind(model.reportProperty().isNull().or(model.runningProperty()));
        Button close = button("diagnostics-close", messages.text(Keys.DIAGNOSTICS_CLOSE), model::close, Styles.SECONDARY_BUTTON);
        HBox actions = new HBox(16, run, save, Views.spacer(), close);
        actions.setAlignment(Pos.CENTER_LEFT);

        Label status = label("diagnostics-status", messages.text(() -> {
            String detail = model.statusDetailProperty().get();
            return messages.get(model.statusKeyProperty().get()) + (detail.isEmpty() ? "" : " — " + detail);
        }, model.statusKeyProperty(), model.statusDetailProperty()), Styles.SECONDARY_TEXT);
        status.setWrapText(true);
        status.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // a report's files and folder: wrapped, never cut

        ListView<CheckResult> list = new ListView<>(model.results());
        list.setId("diagnostics-results");
        list.getStyleClass().add(Styles.DIAGNOSTICS_LIST);
        list.setCellFactory(view -> new ResultCell());
        list.setPrefWidth(540);
        list.setMinWidth(540);
        list.getSelectionModel().selectedItemProperty().addListener((o, was, chosen) -> {
            if (chosen != null) {
                model.select(chosen);
            }
        });
        model.selectedProperty().addListener((o, was, chosen) -> {
            if (chosen != null && list.getSelectionModel().getSelectedItem() != chosen) {
                list.getSelectionModel().select(chosen);
                list.scrollTo(chosen);
            }
        });

        VBox details = new VBox(6);
        details.setId("diagnostics-details");
        model.selectedProperty().addListener((o, was, chosen) -> details.getChildren().setAll(detailRows(chosen)));
        ScrollPane detailsScroll = new ScrollPane(details);
        detailsScroll.setFitToWidth(true);
        detailsScroll.getStyleClass().add(Styles.DIAGNOSTICS_DETAILS);
        HBox.setHgrow(detailsScroll, Priority.ALWAYS);
        HBox body = new HBox(16, list, detailsScroll);
        VBox.setVgrow(body, Priority.ALWAYS);

        VBox dialog = Views.screen(Styles.DIALOG);
        dialog.getChildren().addAll(label(messages.text(Keys.DIAGNOSTICS_TITLE), Styles.SCREEN_TITLE),
                label(messages.text(Keys.DIAGNOSTICS_INSTRUCTION), Styles.INSTRUCTION), actions, status, body);
        dialog.setMaxSize(1200, 760);
        root = new StackPane(dialog);
        root.setId("diagnostics-screen");
        root.getStyleClass().add(Styles.OVERLAY);
    }

    private static java.util.List<Node> detailRows(CheckResult result) {
        if (result == null) {
            return java.util.List.of();
        }
        java.util.List<Node> rows = new java.util.ArrayList<>();
        Label heading = new Label(result.check().title() + " — " + result.subject());
        heading.getStyleClass().add(Styles.FIELD_LABEL);
        heading.setWrapText(true);
        rows.add(heading);
        rows.add(wrapped(result.verdict() + ": " + result.message() + " (" + result.elapsed().toMillis() + " ms)",
                verdictStyle(result.verdict())));
        for (Finding finding : result.findings()) {
            String time = finding.time().map(elapsed -> " (" + elapsed.toMillis() + " ms)").orElse("");
            rows.add(wrapped(finding.name() + ": " + finding.value() + time, verdictStyle(finding.verdict())));
        }
        return rows;
    }

    private static Label wrapped(String text, String style) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.getStyleClass().addAll(Styles.DIAGNOSTICS_TEXT, style);
        return label;
    }

    static String verdictStyle(Verdict verdict) {
        return "verdict-" + verdict.name().toLowerCase(Locale.ROOT);
    }

    /** One check: its verdict as a tag, then what and on what, and its one line. */
    private static final class ResultCell extends ListCell<CheckResult> {
        @Override
        protected void updateItem(CheckResult result, boolean empty) {
            super.updateItem(result, empty);
            getStyleClass().removeIf(style -> style.startsWith("verdict-"));
            if (empty || result == null) {
                setText(null);
                setGraphic(null);
                setAccessibleText(null);
                return;
            }
            Label verdict = new Label(result.verdict().name());
            verdict.getStyleClass().addAll(Styles.VERDICT_TAG, verdictStyle(result.verdict()));
            Label what = new Label(result.check().title() + " — " + result.subject() + "\n" + result.message());
            what.setWrapText(true);
            what.getStyleClass().add(Styles.DIAGNOSTICS_TEXT);
            // Wrapped within the list's width (less the tag and the scroll bar): no text cut off, no sideways scrolling.
            what.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            what.prefWidthProperty().bind(getListView().widthProperty().subtract(140));
            what.maxWidthProperty().bind(what.prefWidthProperty());
            HBox row = new HBox(12, verdict, what);
            row.setAlignment(Pos.CENTER_LEFT);
            setText(null);
            setGraphic(row);
            setAccessibleText(result.verdict() + ", " + result.check().title() + ", " + result.subject() + ", " + result.message());
        }
    }

    @Override
    public Parent root() {
        return root;
    }
}

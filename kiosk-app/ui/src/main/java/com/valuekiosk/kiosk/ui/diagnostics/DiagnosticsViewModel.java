package com.valuekiosk.kiosk.ui.diagnostics;

import com.valuekiosk.kiosk.diagnostics.Check;
import com.valuekiosk.kiosk.diagnostics.CheckResult;
import com.valuekiosk.kiosk.diagnostics.DiagnosticListener;
import com.valuekiosk.kiosk.diagnostics.Diagnostics;
import com.valuekiosk.kiosk.diagnostics.report.DiagnosticReport;
import com.valuekiosk.kiosk.diagnostics.report.ReportHtml;
import com.valuekiosk.kiosk.diagnostics.report.ReportJson;
import com.valuekiosk.kiosk.ui.BackgroundWork;
import com.valuekiosk.kiosk.ui.Keys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The attendant's diagnostics screen (R-FT1): the technician's checks of {@code valuekiosk-diag} on this kiosk —
 * its PC/SC readers and their features, the ATR, our applets and the APDU round-trip time of each card present, and
 * both servers step by step — run off the FX thread, each result listed as it arrives; one result's details beside
 * the list; the report saved as JSON and HTML for handing over. Reachable only through the attendant code.
 * Everything shown is masked by the engine already (no PIN, no full card number, no key).
 */
public final class DiagnosticsViewModel {

    /** Round trips per card in "Run all checks": enough for a median and a 95th percentile, a second or two over PC/SC. */
    public static final int TIMING_COMMANDS = 50;

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Diagnostics diagnostics;
    private final BackgroundWork background;
    private final Path reportDirectory;
    private final Clock clock;
    private final ObservableList<CheckResult> results = FXCollections.observableArrayList();
    private final ObjectProperty<CheckResult> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyBooleanWrapper open = new ReadOnlyBooleanWrapper(this, "open");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper statusKey = new ReadOnlyStringWrapper(this, "statusKey", Keys.DIAGNOSTICS_READY);
    /** What the status line names: the check running, or the report's files. */
    private final ReadOnlyStringWrapper statusDetail = new ReadOnlyStringWrapper(this, "statusDetail", "");
    private final ReadOnlyObjectWrapper<DiagnosticReport> report = new ReadOnlyObjectWrapper<>(this, "report");

    /**
     * @param reportDirectory where "Save report" writes {@code diagnostics-<time>.json} and {@code .html}
     */
    public DiagnosticsViewModel(Diagnostics diagnostics, BackgroundWork background, Path reportDirectory, Clock clock) {
        this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
        this.background = Objects.requireNonNull(background, "background");
        this.reportDirectory = Objects.requireNonNull(reportDirectory, "reportDirectory");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void open() {
        open.set(true);
    }

    /** Closes the screen; results stay until the next run (the technician may come back to them). */
    public void close() {
        open.set(false);
    }

    /** Runs every check once; results appear one by one. Ignored while a run is going on. */
    public void runAll() {
        if (running.get()) {
            return;
        }
        running.set(true);
        results.clear();
        selected.set(null);
        report.set(null);
        statusKey.set(Keys.DIAGNOSTICS_RUNNING);
        statusDetail.set("");
        DiagnosticListener progress = new DiagnosticListener() {
            @Override
            public void started(Check check, String subject) {
                background.onFxThread(() -> statusDetail.set(check.title() + ": " + subject));
            }

            @Override
            public void finished(CheckResult result) {
                background.onFxThread(() -> results.add(result));
            }
        };
        background.wrap(() -> diagnostics.runAll(TIMING_COMMANDS, progress)).onSuccess(done -> {
            running.set(false);
            report.set(done);
            // The list is the report's, in its order, whatever order the progress calls arrived in.
            results.setAll(done.results());
            selected.set(firstWorst(done.results()));
            statusKey.set(Keys.DIAGNOSTICS_DONE);
            statusDetail.set(done.count(com.valuekiosk.kiosk.diagnostics.Verdict.PASS) + " PASS, "
                    + done.count(com.valuekiosk.kiosk.diagnostics.Verdict.WARN) + " WARN, "
                    + done.count(com.valuekiosk.kiosk.diagnostics.Verdict.FAIL) + " FAIL");
        }).onFailure(e -> {
            running.set(false);
            statusKey.set(Keys.DIAGNOSTICS_FAILED);
            statusDetail.set(e.getClass().getSimpleName());
        }).start();
    }

    /** Writes the last run's report as JSON and HTML; the status line names the files. */
    public void saveReport() {
        DiagnosticReport done = report.get();
        if (done == null || running.get()) {
            return;
        }
        String base = "diagnostics-" + FILE_TIME.format(clock.instant());
        background.wrap(() -> {
            Files.createDirectories(reportDirectory);
            Path json = reportDirectory.resolve(base + ".json");
            Path html = reportDirectory.resolve(base + ".html");
            Files.writeString(json, ReportJson.write(done), StandardCharsets.UTF_8);
            Files.writeString(html, ReportHtml.write(done), StandardCharsets.UTF_8);
            return List.of(json, html);
        }).onSuccess(files -> {
            statusKey.set(Keys.DIAGNOSTICS_SAVED);
            statusDetail.set(files.get(0).getFileName() + ", " + files.get(1).getFileName() + " (" + reportDirectory + ")");
        }).onFailure(e -> {
            statusKey.set(Keys.DIAGNOSTICS_NOT_SAVED);
            statusDetail.set(e instanceof IOException ? e.getMessage() : e.getClass().getSimpleName());
        }).start();
    }

    public void select(CheckResult result) {
        selected.set(result);
    }

    private static CheckResult firstWorst(List<CheckResult> results) {
        CheckResult worst = null;
        for (CheckResult result : results) {
            if (worst == null || result.verdict().compareTo(worst.verdict()) > 0) {
                worst = result;
            }
        }
        return worst;
    }

    public ObservableList<CheckResult> results() {
        return FXCollections.unmodifiableObservableList(results);
    }

    public ObjectProperty<CheckResult> selectedProperty() {
        return selected;
    }

    public ReadOnlyBooleanProperty openProperty() {
        return open.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusKeyProperty() {
        return statusKey.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusDetailProperty() {
        return statusDetail.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DiagnosticReport> reportProperty() {
        return report.getReadOnlyProperty();
    }
}

package com.valuekiosk.kiosk.pcsc;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.kiosk.app.config.KioskConfig;
import com.valuekiosk.kiosk.app.diag.DiagMain;
import com.valuekiosk.kiosk.diagnostics.CheckResult;
import com.valuekiosk.kiosk.diagnostics.Diagnostics;
import com.valuekiosk.kiosk.diagnostics.Verdict;
import com.valuekiosk.kiosk.reader.PcscContext;
import com.valuekiosk.kiosk.ui.BackgroundWork;
import com.valuekiosk.kiosk.ui.Keys;
import com.valuekiosk.kiosk.ui.diagnostics.DiagnosticsViewModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The attendant's diagnostics screen, its model as the site kiosk builds it ({@code SiteKiosk.diagnostics()}: the
 * kiosk's configuration, its own certificate, this machine's PC/SC), through pcscd and vpcd with the demo cards:
 * every check passes, and the saved report holds no card number.
 */
class AttendantDiagnosticsPcscTest extends PcscKioskTestBase {

    @Test
    void theScreensChecksPassOnTheRealStackAndItsReportIsSaved() throws Exception {
        kiosk.insert(kiosk.creditCard);
        kiosk.insert(kiosk.emoneyCard);
        Path reports = directory.resolve("reports");
        try (Diagnostics diagnostics = DiagMain.forSite(KioskConfig.load(writeSite()), new PcscContext())) {
            // The screen's work on this thread, its results handed over at once: no FX thread needed for the model.
            DiagnosticsViewModel screen = new DiagnosticsViewModel(diagnostics, new BackgroundWork(Runnable::run, Runnable::run),
                    reports, Clock.systemUTC());
            screen.runAll();

            assertThat(screen.statusKeyProperty().get()).isEqualTo(Keys.DIAGNOSTICS_DONE);
            List<CheckResult> results = List.copyOf(screen.results());
            // Readers; ATR, applets and round trips of each card; both servers.
            assertThat(results).hasSize(1 + 2 * 3 + 2);
            assertThat(results).allSatisfy(result -> assertThat(result.verdict()).as(result.summary()).isEqualTo(Verdict.PASS));
            assertThat(results.get(0).message()).isEqualTo("2 reader(s), 2 with a card");

            screen.saveReport();
            assertThat(screen.statusKeyProperty().get()).isEqualTo(Keys.DIAGNOSTICS_SAVED);
        }
        List<Path> saved;
        try (Stream<Path> files = Files.list(reports)) {
            saved = files.sorted().toList();
        }
        assertThat(saved).hasSize(2);
        for (Path file : saved) {
            assertThat(Files.readString(file, StandardCharsets.UTF_8))
                    .doesNotContain("4999990000000013", "9999010000000017", "TARO YAMADA");
        }
    }
}

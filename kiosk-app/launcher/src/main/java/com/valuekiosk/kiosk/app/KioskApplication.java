package com.valuekiosk.kiosk.app;

import com.valuekiosk.kiosk.ui.BackgroundWork;
import com.valuekiosk.kiosk.ui.KioskFlows;
import com.valuekiosk.kiosk.ui.KioskUi;
import com.valuekiosk.kiosk.ui.UiSettings;
import com.valuekiosk.kiosk.ui.audio.GuidanceSpeaker;
import com.valuekiosk.kiosk.ui.diagnostics.DiagnosticsViewModel;
import com.valuekiosk.kiosk.ui.receipt.ReceiptPrinter;
import com.valuekiosk.kiosk.ui.shell.AttendantCode;
import com.valuekiosk.kiosk.ui.shell.IdleTimeout;
import com.valuekiosk.kiosk.ui.shell.KioskMode;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a {@link Composition} as the kiosk's window and keeps it running until the window is closed or the
 * process is told to stop (Ctrl-C, SIGTERM); then closes, in order, the UI (window, flow worker, JavaFX),
 * and the composition (engine, clients, readers, servers).
 */
public final class KioskApplication {

    private static final Logger log = LoggerFactory.getLogger(KioskApplication.class);
    /** A flow command in progress (a card write) gets this long to finish when the kiosk stops. */
    private static final long FLOW_GRACE_SECONDS = 10;

    private final Composition composition;
    private final ExecutorService flowWorker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kiosk-flows");
        thread.setDaemon(true);
        return thread;
    });
    /** The attendant's diagnostics run here, so that a slow check never holds up a customer's flow. */
    private final ExecutorService diagnosticsWorker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kiosk-diagnostics");
        thread.setDaemon(true);
        return thread;
    });
    private final CountDownLatch windowClosed = new CountDownLatch(1);
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile Stage stage;
    /** How the window came up, for the log: full screen or its size. */
    private volatile String shownAs;

    public KioskApplication(Composition composition) {
        this.composition = Objects.requireNonNull(composition, "composition");
    }

    /**
     * Shows the window and blocks until the kiosk has stopped and everything is closed. When the window cannot
     * be shown (no usable display), it throws and closes nothing: the caller still owns the composition.
     */
    public void runUntilClosed() throws Exception {
        try {
            FxPlatform.start();
            FxPlatform.call(() -> {
                UiSettings settings = composition.uiSettings();
                BackgroundWork background = new BackgroundWork(flowWorker);
                KioskUi ui = new KioskUi(KioskFlows.of(composition.parts().engine()), background, settings,
                        GuidanceSpeaker.forSite(settings), ReceiptPrinter.forSite(settings));
                Stage window = new Stage();
                window.setTitle(composition.title());
                Scene scene = composition.scene(ui, background);
                window.setScene(scene);
                window.setOnHidden(event -> windowClosed.countDown());
                window.show();
                IdleTimeout.start(ui, scene);
                if (composition.fullScreen()) {
                    // Only the attendant code leaves it; leaving ends the kiosk (the session then stays down).
                    KioskMode mode = KioskMode.apply(window, ui, AttendantCode.of(composition.attendantCodeHash().orElseThrow()),
                            () -> {
                                log.info("an attendant left kiosk mode");
                                window.close();
                            });
                    composition.diagnostics().ifPresent(diagnostics -> mode.offerDiagnostics(new DiagnosticsViewModel(
                            diagnostics.engine(), new BackgroundWork(diagnosticsWorker), diagnostics.reports(),
                            java.time.Clock.systemUTC())));
                }
                stage = window;
                shownAs = composition.fullScreen() ? "full screen"
                        : String.format(Locale.ROOT, "%.0fx%.0f window", scene.getWidth(), scene.getHeight());
                return null;
            });
        } catch (RuntimeException e) {
            flowWorker.shutdownNow();
            throw new IllegalStateException("JavaFX cannot show the kiosk window: " + e.getMessage()
                    + " (on Debian or Ubuntu JavaFX needs the package libgtk-3-0)", e);
        }
        Thread hook = new Thread(() -> stop(true), "kiosk-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        // installer/measure-startup.py times the kiosk's start by this line (issue #16).
        log.info("kiosk window shown ({}), {} after the process started: {}", shownAs, sinceProcessStart(),
                composition.title());
        composition.windowShown();
        windowClosed.await();
        stop(false);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running already: it stopped the kiosk.
        }
    }

    /** "2140 ms", or "(start unknown)" where the system does not say when the process started. */
    static String sinceProcessStart() {
        return ProcessAge.now().map(age -> age.toMillis() + " ms").orElse("(start unknown)");
    }

    /**
     * Closes the UI, then the composition; once, from whichever thread asks first. From the JVM's shutdown
     * hook (Ctrl-C, SIGTERM) JavaFX is left alone: it stops with the JVM, and {@code Platform.exit()} would
     * wait forever for an FX thread that no longer runs events.
     */
    void stop(boolean jvmShuttingDown) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        log.info("kiosk stopping");
        if (!jvmShuttingDown) {
            Platform.runLater(() -> {
                stage.setOnHidden(null);
                stage.close();
            });
        }
        diagnosticsWorker.shutdownNow();
        flowWorker.shutdown();
        try {
            if (!flowWorker.awaitTermination(FLOW_GRACE_SECONDS, TimeUnit.SECONDS)) {
                log.warn("a flow did not finish within {} s; the journal settles it at the next start", FLOW_GRACE_SECONDS);
                flowWorker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!jvmShuttingDown) {
            Platform.exit();
        }
        composition.close();
        windowClosed.countDown();
        log.info("kiosk stopped");
    }
}

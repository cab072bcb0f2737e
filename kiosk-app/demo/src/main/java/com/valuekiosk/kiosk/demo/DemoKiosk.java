package com.valuekiosk.kiosk.demo;

import com.valuekiosk.kiosk.app.Composition;
import com.valuekiosk.kiosk.app.KioskParts;
import com.valuekiosk.kiosk.app.ServerProbe;
import com.valuekiosk.kiosk.app.StartupWork;
import com.valuekiosk.kiosk.app.Shutdown;
import com.valuekiosk.kiosk.client.ClientSettings;
import com.valuekiosk.kiosk.client.KioskTls;
import com.valuekiosk.kiosk.demo.panel.CardPanel;
import com.valuekiosk.kiosk.demo.panel.CardPanelViewModel;
import com.valuekiosk.kiosk.demo.panel.KioskWithPanel;
import com.valuekiosk.kiosk.diagnostics.Diagnostics;
import com.valuekiosk.kiosk.diagnostics.DiagnosticsSettings;
import com.valuekiosk.kiosk.diagnostics.servers.ClientTls;
import com.valuekiosk.kiosk.diagnostics.servers.ServerTarget;
import com.valuekiosk.kiosk.flow.SaleSettings;
import com.valuekiosk.kiosk.simulated.SimulatedPcsc;
import com.valuekiosk.kiosk.ui.BackgroundWork;
import com.valuekiosk.kiosk.ui.KioskUi;
import com.valuekiosk.kiosk.ui.UiSettings;
import com.valuekiosk.kiosk.ui.diagnostics.DiagnosticsView;
import com.valuekiosk.kiosk.ui.diagnostics.DiagnosticsViewModel;
import com.valuekiosk.kiosk.ui.shell.KeyboardTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.scene.Scene;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk on its embedded defaults: both servers in this process on loopback ({@link DemoServers}, started
 * behind the menu), the development PKI, two simulated readers with the demo card set ({@link DemoReaders}), the
 * engine and the touch UI (its 1280 × 800 screen with the card panel beside it, scaled down on a smaller display).
 * Everything lives in one data directory:
 * {@code pki/} (kept), {@code servers/} (H2, fresh each start), {@code kiosk/} (journal fresh each start,
 * fingerprint key, receipts).
 */
public final class DemoKiosk implements Composition {

    private static final Logger log = LoggerFactory.getLogger(DemoKiosk.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final Path dataDirectory;
    private final FileLock lock;
    private final DemoServers servers;
    private final DemoReaders readers;
    private final KioskParts parts;
    private final UiSettings uiSettings;
    private final KioskTls tls;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private Diagnostics diagnostics;
    /** Where participants' sessions are written (usability mode), or null. */
    private volatile Path recordTo;
    private volatile String study = "";
    private volatile com.valuekiosk.kiosk.demo.usability.SessionRecorder recorder;

    private DemoKiosk(Path dataDirectory, FileLock lock, DemoServers servers, DemoReaders readers, KioskParts parts,
                      UiSettings uiSettings, KioskTls tls) {
        this.dataDirectory = dataDirectory;
        this.lock = lock;
        this.servers = servers;
        this.readers = readers;
        this.parts = parts;
        this.uiSettings = uiSettings;
        this.tls = tls;
    }

    /**
     * The data directory of the demo: {@code $XDG_DATA_HOME/valuekiosk/demo}, else
     * {@code ~/.local/share/valuekiosk/demo}.
     */
    public static Path defaultDataDirectory(String xdgDataHome, String userHome) {
        Path base = xdgDataHome != null && !xdgDataHome.isBlank() ? Path.of(xdgDataHome) : Path.of(userHome, ".local", "share");
        return base.resolve("valuekiosk").resolve("demo");
    }

    /** When the embedded servers start. */
    public enum ServerStart {
        /** At once, in the background: their first client waits for them (tests, the self-check, usability tools). */
        AT_ONCE,
        /**
         * Once the window with the menu is shown ({@link #windowShown()}), or when something waits for them
         * ({@link #probeServers()}): the menu comes up without sharing the processor with them.
         */
        BEHIND_MENU
    }

    /** Starts servers and engine in {@code dataDirectory}; the UI language starts as {@code language}. */
    public static DemoKiosk start(Path dataDirectory, Locale language) throws Exception {
        return start(dataDirectory, language, ServerStart.AT_ONCE);
    }

    /** As {@link #start(Path, Locale)}, the servers started {@code when}. */
    public static DemoKiosk start(Path dataDirectory, Locale language, ServerStart when) throws Exception {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(when, "when");
        Path directory = dataDirectory.toAbsolutePath().normalize();
        FileLock lock = lock(directory);
        List<AutoCloseable> started = new ArrayList<>();
        // The simulated cards are personalised (jcardsim, the issuer's keys) while the servers start: neither needs the
        // other, and together they are most of the demo's start (issue #16).
        CompletableFuture<DemoReaders> cards = new CompletableFuture<>();
        Thread personalising = new Thread(() -> {
            try {
                cards.complete(DemoReaders.create());
            } catch (RuntimeException | Error e) {
                cards.completeExceptionally(e);
            }
        }, "demo-cards");
        personalising.setDaemon(true);
        personalising.start();
        try {
            DemoServers servers = DemoServers.bind(directory);
            started.add(0, servers);
            if (when == ServerStart.AT_ONCE) {
                servers.begin();
            }
            Path kiosk = directory.resolve("kiosk");
            // The servers forgot every purchase (fresh databases): so does the kiosk's journal.
            Files.createDirectories(kiosk);
            Files.deleteIfExists(kiosk.resolve(KioskParts.JOURNAL_FILE));
            try (var archives = Files.newDirectoryStream(kiosk, "journal-archive-*.jsonl")) {
                for (Path archive : archives) {
                    Files.delete(archive); // the last run's finished transactions, archived: forgotten with it
                }
            }
            KioskTls tls = KioskTls.fromFiles(servers.pki().terminalKeyStore(DemoServers.TERMINAL),
                    servers.pki().storePassword(), servers.pki().trustStore());
            DemoReaders readers = StartupWork.join(cards);
            readers.placePurchaseCards();
            SaleSettings sale = SaleSettings.yen();
            KioskParts parts = KioskParts.assemble(new KioskParts.Plan(readers.contact(), readers.contactless(),
                    servers.creditUri(), servers.emoneyUri(), tls, DemoServers.TERMINAL, kiosk, ClientSettings.defaults(),
                    sale));
            // A window, not kiosk mode: the demo sits on a desktop beside its card panel.
            UiSettings settings = new UiSettings(sale, kiosk.resolve("receipts"), language).withKioskMode(false);
            log.info("demo kiosk up: data {}, credit company server {}, e-money server {}", directory,
                    servers.creditUri(), servers.emoneyUri());
            return new DemoKiosk(directory, lock, servers, readers, parts, settings, tls);
        } catch (Exception | Error e) {
            Shutdown.closeAll(started);
            lock.release();
            lock.channel().close();
            throw e;
        }
    }

    /** One demo per data directory: a second one would wipe the databases under the first. */
    private static FileLock lock(Path directory) throws IOException {
        Files.createDirectories(directory);
        FileChannel channel = FileChannel.open(directory.resolve("demo.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException heldInThisProcess) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("another demo kiosk is running on " + directory
                    + "; stop it or give this one another --data-dir");
        }
        return lock;
    }

    /**
     * The demo window: the kiosk screen with the usability card panel (R-UT1) beside it, on the same simulated
     * readers as the engine. The cards of FIG. 9B start on the readers ({@link DemoReaders#placePurchaseCards()});
     * the panel moves them, or pulls one away during a write.
     */
    @Override
    public Scene scene(KioskUi ui, BackgroundWork background) {
        CardPanelViewModel panel = new CardPanelViewModel(readers.contact(), readers.contactless(), readers.panelCards(),
                background);
        // Scaled down as a whole where the display is smaller than kiosk screen and panel (a 1366 × 768 laptop).
        CardPanel cardPanel = new CardPanel(panel, ui.messages());
        AttendantDiagnostics technician = diagnostics().orElseThrow();
        DiagnosticsViewModel diagnosticsModel = new DiagnosticsViewModel(technician.engine(), background, technician.reports(),
                java.time.Clock.systemUTC());
        DiagnosticsView diagnosticsView = new DiagnosticsView(diagnosticsModel, ui.messages());
        diagnosticsModel.openProperty().addListener((o, was, open) -> {
            if (open) {
                ui.showOverlay(diagnosticsView.root(), new KeyboardTarget(digit -> { }, () -> { }, diagnosticsModel::close));
            } else {
                ui.hideOverlay(diagnosticsView.root());
            }
        });
        cardPanel.addDiagnostics(diagnosticsModel::open);
        Scene scene = KioskWithPanel.sceneFitting(ui, cardPanel, javafx.stage.Screen.getPrimary().getVisualBounds());
        Path sessions = recordTo;
        if (sessions != null) {
            com.valuekiosk.kiosk.demo.usability.SessionRecorder recording =
                    new com.valuekiosk.kiosk.demo.usability.SessionRecorder(ui, scene, java.time.Clock.systemUTC(), study);
            recording.afterEachSession(() -> exportSessions(recording, sessions));
            recorder = recording;
            // The tester marks each participant's start on the panel (R-UT1).
            cardPanel.addStudy(new com.valuekiosk.kiosk.demo.panel.StudyViewModel(study, recording::start));
        }
        return scene;
    }

    /**
     * Usability mode: records each participant's session (screens, touches, switches, errors, outcome; never a
     * PIN digit or card number) and writes {@code sessions.json} and {@code events.csv} into {@code directory}
     * after each session and when the demo closes. Every session belongs to {@code studyName}.
     */
    public void recordSessionsTo(Path directory, String studyName) {
        study = Objects.requireNonNull(studyName, "studyName");
        recordTo = Objects.requireNonNull(directory, "directory");
    }

    private static void exportSessions(com.valuekiosk.kiosk.demo.usability.SessionRecorder recording, Path directory) {
        try {
            recording.export(directory);
        } catch (IOException e) {
            log.error("writing the usability sessions to {} failed", directory, e);
        }
    }

    public DemoReaders readers() {
        return readers;
    }

    public DemoServers servers() {
        return servers;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public KioskParts parts() {
        return parts;
    }

    @Override
    public UiSettings uiSettings() {
        return uiSettings;
    }

    @Override
    public boolean fullScreen() {
        return false;
    }

    @Override
    public String title() {
        return "ValueKiosk demo (simulated cards, servers on loopback)";
    }

    /** The menu is on the screen: the servers start now, if they have not yet. */
    @Override
    public void windowShown() {
        servers.begin();
    }

    @Override
    public List<ServerProbe.Result> probeServers() {
        try {
            servers.awaitUp();
        } catch (IllegalStateException failedToStart) {
            // Logged where it happened; their sockets are closed, so the probes say "down" with the reason.
        }
        ServerProbe probe = new ServerProbe(tls, PROBE_TIMEOUT);
        return List.of(probe.probe("credit", servers.creditUri()), probe.probe("emoney", servers.emoneyUri()));
    }

    /**
     * The technician's checks on the demo: the simulated readers seen through javax.smartcardio ({@link SimulatedPcsc}),
     * both demo servers over the demo kiosk's own certificate; reports in the data directory's {@code kiosk/diagnostics}.
     */
    @Override
    public synchronized Optional<AttendantDiagnostics> diagnostics() {
        if (diagnostics == null) {
            java.security.cert.X509Certificate[] chain;
            try {
                java.security.KeyStore keys = com.valuekiosk.pki.TlsContexts.load(
                        servers.pki().terminalKeyStore(DemoServers.TERMINAL), servers.pki().storePassword());
                chain = java.util.Arrays.stream(keys.getCertificateChain(com.valuekiosk.pki.DevPki.TERMINAL_KEY_ALIAS))
                        .map(java.security.cert.X509Certificate.class::cast).toArray(java.security.cert.X509Certificate[]::new);
            } catch (java.security.KeyStoreException e) {
                throw new IllegalStateException("the demo terminal's key store cannot be read", e);
            }
            diagnostics = new Diagnostics(DiagnosticsSettings.readersOnly(
                    new SimulatedPcsc(List.of(readers.contact(), readers.contactless())))
                    .withServers(List.of(new ServerTarget("credit", servers.creditUri()), new ServerTarget("emoney", servers.emoneyUri())),
                            new ClientTls(tls.sslContext(), List.of(chain))));
        }
        return Optional.of(new AttendantDiagnostics(diagnostics, parts.plan().dataDirectory().resolve("diagnostics")));
    }

    @Override
    public boolean serversRequired() {
        return true;
    }

    /** Engine, clients, readers, then both servers, then the data directory lock. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        com.valuekiosk.kiosk.demo.usability.SessionRecorder recording = recorder;
        if (recording != null) {
            try {
                javafx.application.Platform.runLater(() -> exportSessions(recording, recordTo)); // the open session too
            } catch (IllegalStateException toolkitGone) {
                log.info("the open usability session was not written: the window had closed");
            }
        }
        synchronized (this) {
            if (diagnostics != null) {
                diagnostics.close();
            }
        }
        parts.close();
        Shutdown.closeAll(List.of(servers));
        try {
            lock.release();
            lock.channel().close();
        } catch (IOException e) {
            throw new UncheckedIOException("releasing the demo lock", e);
        }
    }
}

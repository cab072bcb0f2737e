package com.valuekiosk.kiosk.app;

import com.valuekiosk.kiosk.app.config.KioskConfig;
import com.valuekiosk.kiosk.app.config.ReaderChoice;
import com.valuekiosk.kiosk.client.ClientSettings;
import com.valuekiosk.kiosk.client.KioskTls;
import com.valuekiosk.kiosk.reader.CardReader;
import com.valuekiosk.kiosk.reader.PcscReader;
import com.valuekiosk.kiosk.ui.UiSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk of a real site, from its {@link KioskConfig}: PC/SC readers by name, mutual TLS from the configured stores, clients to the configured servers, the journal
 * in the data directory, full screen in kiosk mode.
 */
public final class SiteKiosk implements Composition {

    private static final Logger log = LoggerFactory.getLogger(SiteKiosk.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final KioskConfig config;
    private final KioskTls tls;
    private final KioskParts parts;
    private final UiSettings uiSettings;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    /** PC/SC for the attendant's diagnostics: the same kind of source the readers have, a context of its own. */
    private final Supplier<PcscReader.TerminalsSource> pcsc;
    private com.valuekiosk.kiosk.diagnostics.Diagnostics diagnostics;

    private SiteKiosk(KioskConfig config, KioskTls tls, KioskParts parts, UiSettings uiSettings,
                      Supplier<PcscReader.TerminalsSource> pcsc) {
        this.pcsc = pcsc;
        this.config = config;
        this.tls = tls;
        this.parts = parts;
        this.uiSettings = uiSettings;
    }

    public static SiteKiosk start(KioskConfig config) {
        return start(config, PcscReader.TerminalsSource::system);
    }

    /** The site's kiosk with its PC/SC readers on {@code pcsc} (one source per reader; tests give fakes). */
    public static SiteKiosk start(KioskConfig config, Supplier<PcscReader.TerminalsSource> pcsc) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(pcsc, "pcsc");
        KioskTls tls = config.credentials().openTls();
        try {
            Files.createDirectories(config.dataDirectory());
            Files.createDirectories(config.receiptDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the kiosk's directories", e);
        }
        List<CardReader> readers = new ArrayList<>();
        try {
            CardReader contact = reader(config.contactReader(), CardReader.Kind.CONTACT, pcsc);
            if (contact != null) {
                readers.add(contact);
            }
            CardReader contactless = reader(config.contactlessReader(), CardReader.Kind.CONTACTLESS, pcsc);
            readers.add(contactless);
            KioskParts parts = KioskParts.assemble(new KioskParts.Plan(contact, contactless,
                    config.homeTerminal() ? null : config.creditUrl(), config.emoneyUrl(), tls, config.terminalId(),
                    config.dataDirectory(), ClientSettings.defaults(), config.sale()));
            UiSettings ui = new UiSettings(config.sale(), config.receiptDirectory(), config.locale())
                    .withIdleTimeout(config.idleTimeout())
                    .withKioskMode(config.kioskMode())
                    .withSpokenGuidance(!config.audioMuted());
            if (config.receiptPrinter().isPresent()) {
                ui = ui.withReceiptPrinter(config.receiptPrinter().get());
            }
            log.info("kiosk {} up: credit company server {}, e-money server {}, readers {} / {}", config.terminalId(),
                    config.homeTerminal() ? "(home terminal: none)" : config.creditUrl(), config.emoneyUrl(),
                    config.contactReader().value(), config.contactlessReader().value());
            return new SiteKiosk(config, tls, parts, ui, pcsc);
        } catch (RuntimeException | Error e) {
            Shutdown.closeAll(readers);
            throw e;
        }
    }

    /** None, or a PC/SC reader that starts watching for its reader and cards now. */
    private static CardReader reader(ReaderChoice choice, CardReader.Kind kind, Supplier<PcscReader.TerminalsSource> pcsc) {
        return switch (choice.kind()) {
            case NONE -> null;
            case PCSC -> {
                PcscReader reader = new PcscReader(choice.pcscName(), kind, pcsc.get(), PcscReader.DEFAULT_POLL_INTERVAL);
                reader.start();
                yield reader;
            }
        };
    }

    public KioskConfig config() {
        return config;
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
        return config.kioskMode();
    }

    @Override
    public String title() {
        return "ValueKiosk " + config.terminalId();
    }

    @Override
    public Optional<String> attendantCodeHash() {
        return config.attendantCodeHash();
    }

    @Override
    public List<ServerProbe.Result> probeServers() {
        ServerProbe probe = new ServerProbe(tls, PROBE_TIMEOUT);
        List<ServerProbe.Result> results = new ArrayList<>();
        if (!config.homeTerminal()) {
            results.add(probe.probe("credit", config.creditUrl()));
        }
        results.add(probe.probe("emoney", config.emoneyUrl()));
        return results;
    }

    /** An installer may check a kiosk before its network is set up: unreachable servers are reported only. */
    @Override
    public boolean serversRequired() {
        return false;
    }

    /** The technician's checks on this kiosk's PC/SC and servers; reports go to {@code diagnostics/} in the data directory. */
    @Override
    public synchronized Optional<AttendantDiagnostics> diagnostics() {
        if (diagnostics == null) {
            diagnostics = com.valuekiosk.kiosk.app.diag.DiagMain.forSite(config, pcsc.get());
        }
        return Optional.of(new AttendantDiagnostics(diagnostics, config.dataDirectory().resolve("diagnostics")));
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            synchronized (this) {
                if (diagnostics != null) {
                    diagnostics.close();
                }
            }
            parts.close();
        }
    }
}

package com.valuekiosk.kiosk.app;

import com.valuekiosk.kiosk.ui.BackgroundWork;
import com.valuekiosk.kiosk.ui.KioskUi;
import com.valuekiosk.kiosk.ui.UiSettings;
import java.util.List;
import java.util.Optional;
import javafx.scene.Scene;

/**
 * A kiosk put together and ready to be shown: demo mode and real mode each build one. {@link #close()}
 * closes what it started in order — engine, clients, readers, then (demo) the embedded servers; the UI is
 * closed before, by {@link KioskApplication}.
 */
public interface Composition extends AutoCloseable {

    KioskParts parts();

    UiSettings uiSettings();

    /** Full screen (kiosk mode) or a 1280 × 800 window. */
    boolean fullScreen();

    String title();

    /**
     * The window's scene: the kiosk's screens, and in the demo the card panel beside them (which moves its cards
     * through {@code background}, like the flows). FX thread.
     */
    default Scene scene(KioskUi ui, BackgroundWork background) {
        return ui.scene();
    }

    /** The attendant's diagnostics screen: the checks' engine on this kiosk's readers and servers, and where reports go. */
    record AttendantDiagnostics(com.valuekiosk.kiosk.diagnostics.Diagnostics engine, java.nio.file.Path reports) {
    }

    /** The diagnostics the attendant screen offers after the code; none by default. */
    default Optional<AttendantDiagnostics> diagnostics() {
        return Optional.empty();
    }

    /** The stored hash of the attendant code that leaves kiosk mode; present whenever {@link #fullScreen()}. */
    default Optional<String> attendantCodeHash() {
        return Optional.empty();
    }

    /**
     * Looks at every reader the kiosk was configured with, now (the self-check reports them and fails when one is
     * not there). By default the parts' readers, named by their own names.
     */
    default List<ReaderCheck> checkReaders() {
        List<ReaderCheck> checks = new java.util.ArrayList<>();
        KioskParts.Plan plan = parts().plan();
        if (plan.contactReader() != null) {
            checks.add(ReaderCheck.of("reader.contact", plan.contactReader().name(), plan.contactReader()));
        }
        checks.add(ReaderCheck.of("reader.contactless", plan.contactlessReader().name(), plan.contactlessReader()));
        return checks;
    }

    /**
     * The window with the menu is on the screen (FX start, parts and first screen no longer compete for the
     * processor): work that can wait until then starts here — the demo's embedded servers. Called once, from the
     * thread that showed the window; nothing by default.
     */
    default void windowShown() {
    }

    /** Asks every server the kiosk talks to whether it answers. */
    List<ServerProbe.Result> probeServers();

    /** Whether the self-check fails when a server does not answer (demo: yes, its servers are ours). */
    boolean serversRequired();

    /** Idempotent: the window's stop and the command's own cleanup may both call it. */
    @Override
    void close();
}

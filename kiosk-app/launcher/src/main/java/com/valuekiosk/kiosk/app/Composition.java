package com.valuekiosk.kiosk.app;

import com.valuekiosk.kiosk.ui.UiSettings;
import java.util.List;
import javafx.scene.Parent;

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

    /** The window's content around the kiosk screen; the demo places its card panel here. FX thread. */
    Parent layout(Parent kioskScreen);

    /** Asks every server the kiosk talks to whether it answers. */
    List<ServerProbe.Result> probeServers();

    /** Whether the self-check fails when a server does not answer (demo: yes, its servers are ours). */
    boolean serversRequired();

    /** Idempotent: the window's stop and the command's own cleanup may both call it. */
    @Override
    void close();
}

package com.valuekiosk.kiosk.app;

import java.util.Locale;
import java.util.concurrent.Callable;
import com.valuekiosk.kiosk.ui.KioskFonts;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javafx.application.Platform;

/** Starting JavaFX from a main class that is not an {@code Application}, with or without a display. */
public final class FxPlatform {

    /** The toolkit's start, once per JVM: begun by {@link #startInBackground()} or {@link #start()}. */
    private static CompletableFuture<Void> starting;

    private FxPlatform() {
    }

    /**
     * Chooses Monocle's headless platform and software rendering when this machine has no display (a server,
     * a CI runner, an installer), unless the glass platform was chosen already. Must run before JavaFX starts.
     *
     * @return true when the headless platform was chosen
     */
    public static boolean headlessIfNoDisplay() {
        if (System.getProperty("glass.platform") != null || hasDisplay()) {
            return false;
        }
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("java.awt.headless", "true");
        return true;
    }

    static boolean hasDisplay() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) {
            return true;
        }
        return notBlank(System.getenv("DISPLAY")) || notBlank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }

    /**
     * Begins starting the FX toolkit on a thread of its own and returns at once, so that the kiosk's parts (key
     * stores, clients, journal, readers; the demo's servers) are put together while JavaFX starts; {@link #start()}
     * then waits for it. The kiosk's fonts are registered on that thread too, before the first scene needs them.
     * Once per JVM; the glass platform must have been chosen already ({@link #headlessIfNoDisplay()}).
     */
    public static synchronized void startInBackground() {
        if (starting == null) {
            starting = new CompletableFuture<>();
            Thread starter = new Thread(() -> {
                try {
                    startToolkit();
                    KioskFonts.load();
                    starting.complete(null);
                } catch (RuntimeException | Error e) {
                    starting.completeExceptionally(e);
                }
            }, "fx-start");
            starter.setDaemon(true);
            starter.start();
        }
    }

    /** Starts the FX toolkit once per JVM (or waits for {@link #startInBackground()}); the kiosk decides itself when to exit. */
    public static void start() {
        startInBackground();
        StartupWork.join(starting);
    }

    private static void startToolkit() {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyRunning) {
            // Started by someone else in this JVM (a test framework): use it.
        }
        Platform.setImplicitExit(false);
    }

    /** Runs {@code work} on the FX thread and waits for its result. */
    public static <T> T call(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}

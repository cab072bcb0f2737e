package com.valuekiosk.kiosk.app;

import com.valuekiosk.kiosk.ui.KioskFonts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starting JavaFX from a main class that is not an {@code Application}, with or without a display. */
public final class FxPlatform {

    private static final Logger log = LoggerFactory.getLogger(FxPlatform.class);
    /** Where Linux lists its GPUs (DRM devices: card0, renderD128, …). */
    private static final Path DRM_DEVICES = Path.of("/dev/dri");

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
     * True when JavaFX's GL pipeline (es2) could only get software GL here: Linux with no DRM device, so that GL
     * is Mesa's llvmpipe, which JavaFX loads, refuses ("System GPU doesn't meet the es2 pipe requirement") and
     * leaves for its own software pipeline.
     */
    static boolean glCanOnlyBeSoftware(String osName, Path drmDevices) {
        if (!osName.toLowerCase(Locale.ROOT).contains("linux")) {
            return false;
        }
        if (!Files.isDirectory(drmDevices)) {
            return true;
        }
        try (Stream<Path> devices = Files.list(drmDevices)) {
            return devices.findAny().isEmpty();
        } catch (IOException | SecurityException unreadable) {
            return false; // cannot tell: let JavaFX try
        }
    }

    /**
     * On a machine without a GPU, JavaFX goes straight to its software pipeline: its attempt at GL would end
     * there anyway, after loading Mesa and its LLVM (about 45 MB resident, and a few tenths of a second of
     * start, issue #16). A {@code prism.order} given on the command line wins. Must run before JavaFX starts.
     */
    private static void softwarePipelineWithoutGpu() {
        if (System.getProperty("prism.order") == null && glCanOnlyBeSoftware(System.getProperty("os.name", ""), DRM_DEVICES)) {
            System.setProperty("prism.order", "sw");
            log.info("no GPU here ({} lists no device): JavaFX renders with its software pipeline", DRM_DEVICES);
        }
    }

    /**
     * Begins starting the FX toolkit on a thread of its own and returns at once, so that the kiosk's parts (key
     * stores, clients, journal, readers; the demo's servers) are put together while JavaFX starts; {@link #start()}
     * then waits for it. The kiosk's fonts are registered on that thread too, before the first scene needs them.
     * Once per JVM; the glass platform must have been chosen already ({@link #headlessIfNoDisplay()}).
     */
    public static synchronized void startInBackground() {
        if (starting == null) {
            softwarePipelineWithoutGpu();
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

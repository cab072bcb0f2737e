package com.valuekiosk.kiosk.ui.tools;

import com.valuekiosk.kiosk.ui.KioskRig;
import com.valuekiosk.kiosk.ui.KioskUi;
import com.valuekiosk.kiosk.ui.Messages;
import com.valuekiosk.server.testing.TestDirectory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Renders every screen of the kiosk ({@link ScreenTour}), in Japanese and English, to
 * {@code <dir>/<screen>_<ja|en>.png} at 1280 × 800 — headless (Monocle), on the real engine with simulated cards and
 * both servers on loopback. Run it as README.md says; the PNGs are kept in assets/screenshots. (The card panel
 * of the demo is rendered by kiosk-demo's CardPanelScreenshots.)
 */
public final class ScreenshotRenderer {

    private final Path output;
    private int written;

    private ScreenshotRenderer(Path output) {
        this.output = output;
    }

    public static void main(String[] args) throws Exception {
        Path output = Path.of(args.length > 0 ? args[0] : "assets/screenshots").toAbsolutePath();
        headlessUnlessTold();
        Files.createDirectories(output);
        // In the test JVM's own temporary directory, which is deleted when the renderer exits.
        Path work = Files.createDirectories(TestDirectory.get().resolve("screens"));
        int status = 0;
        Platform.startup(() -> { });
        ScreenshotRenderer renderer = new ScreenshotRenderer(output);
        KioskRig kiosk = null;
        try {
            kiosk = new KioskRig(work);
            ScreenTour tour = new ScreenTour(kiosk, KioskUi.WIDTH, KioskUi.HEIGHT, renderer::shoot);
            onFx(tour::run);
            System.out.println("wrote " + renderer.written + " screenshots to " + output);
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        } finally {
            if (kiosk != null) {
                kiosk.close();
            }
            Platform.exit();
        }
        System.exit(status); // the servers' pools are not daemons
    }

    private static void headlessUnlessTold() {
        if (System.getProperty("glass.platform") == null) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
        }
        System.setProperty("java.awt.headless", "true");
    }

    private void shoot(String name, Scene shown, KioskUi ui) {
        Messages messages = ui.messages();
        for (Locale language : Messages.LANGUAGES) {
            messages.setLocale(language);
            // A list scrolled to a new selection lays its cells out over two passes; the snapshot makes only one.
            shown.getRoot().applyCss();
            shown.getRoot().layout();
            writePng(shown.snapshot(null), output.resolve(name + "_" + language.getLanguage() + ".png"));
            written++;
        }
        messages.setLocale(Messages.JAPANESE);
    }

    /** Writes a JavaFX snapshot as a PNG file (also the demo's card panel screenshots). */
    public static void writePng(WritableImage image, Path file) {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        PixelReader pixels = image.getPixelReader();
        BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        try {
            ImageIO.write(png, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    /** A step that may throw. */
    public interface Step {
        void run() throws Exception;
    }

    /** Runs {@code step} on the FX thread and waits for it (up to five minutes: a whole tour). */
    public static void onFx(Step step) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                step.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        done.get(5, TimeUnit.MINUTES);
    }
}

package com.valuekiosk.kiosk.app;

import com.valuekiosk.kiosk.client.Outcome;
import com.valuekiosk.kiosk.flow.Recovery;
import com.valuekiosk.kiosk.ui.BackgroundWork;
import com.valuekiosk.kiosk.ui.KioskFlows;
import com.valuekiosk.kiosk.ui.KioskUi;
import com.valuekiosk.kiosk.ui.Screen;
import com.valuekiosk.wire.TerminalHealthAck;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * The headless health check for CI and installers: renders the first screen (the menu) of a composed kiosk
 * to a PNG, checks that the picture is not blank, that the engine is up, that every configured reader is there
 * (found with or without a card; not found or no PC/SC service fails the check) and that the servers answer, and
 * sums it up in one line. No window is shown: the scene renders itself (a snapshot), so it also works on
 * Monocle's headless platform.
 */
public final class SelfCheck {

    /** Fewer colours than this is an empty or single-colour picture, not a screen with text and buttons. */
    static final int MINIMUM_COLOURS = 8;

    /** What the check found; {@link #line()} is what the command prints. */
    public record Report(boolean healthy, List<String> findings) {

        public Report {
            findings = List.copyOf(findings);
        }

        public String line() {
            return "self-check " + (healthy ? "OK" : "FAILED") + ": " + String.join(", ", findings);
        }
    }

    private SelfCheck() {
    }

    /** Runs the check on {@code composition} (FX started here if it is not running) and writes {@code png}. */
    public static Report run(Composition composition, Path png) {
        Objects.requireNonNull(composition, "composition");
        Objects.requireNonNull(png, "png");
        List<String> findings = new ArrayList<>();
        boolean healthy = true;

        try {
            FxPlatform.start();
            Rendered rendered = FxPlatform.call(() -> render(composition));
            write(rendered.image(), png);
            int colours = colours(rendered.image());
            boolean onMenu = rendered.screen() == Screen.MENU;
            boolean painted = colours >= MINIMUM_COLOURS;
            healthy &= onMenu && painted;
            findings.add("screen " + rendered.screen().name().toLowerCase(java.util.Locale.ROOT) + " rendered "
                    + (int) rendered.image().getWidth() + "x" + (int) rendered.image().getHeight() + " to " + png
                    + (painted ? "" : " but it is blank (" + colours + " colours)"));
        } catch (Exception | Error e) {
            healthy = false;
            findings.add("screen not rendered (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }

        Recovery.Report recovered = composition.parts().engine().recoveredOnStart();
        findings.add("engine up (recovery settled " + recovered.settled() + ", left open " + recovered.leftOpen() + ")");

        for (ReaderCheck reader : composition.checkReaders()) {
            findings.add(reader.summary());
            healthy &= reader.ok();
        }

        for (ServerProbe.Result server : composition.probeServers()) {
            findings.add(server.summary() + (server.up() || composition.serversRequired() ? "" : " (not required)"));
            healthy &= server.up() || !composition.serversRequired();
        }

        // The report the kiosk sends each minute, sent once now: the site's monitoring sees the kiosk at once.
        Outcome<TerminalHealthAck> reported = composition.parts().health().reportNow();
        boolean delivered = reported instanceof Outcome.Success<TerminalHealthAck>;
        findings.add("health report " + (delivered ? "delivered" : "not delivered (" + reported + ")")
                + (delivered || composition.serversRequired() ? "" : " (not required)"));
        healthy &= delivered || !composition.serversRequired();
        return new Report(healthy, findings);
    }

    private record Rendered(WritableImage image, Screen screen) {
    }

    private static Rendered render(Composition composition) {
        // Nothing is started on the menu; flows would run on the FX thread here, which the check never does.
        BackgroundWork onThisThread = new BackgroundWork(Runnable::run, Runnable::run);
        KioskUi ui = new KioskUi(KioskFlows.of(composition.parts().engine()), onThisThread, composition.uiSettings());
        Scene scene = composition.scene(ui, onThisThread);
        return new Rendered(scene.snapshot(null), ui.navigator().current());
    }

    private static void write(WritableImage image, Path png) throws IOException {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage buffered = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        int[] row = new int[width];
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            pixels.getPixels(0, y, width, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), row, 0, width);
            buffered.setRGB(0, y, width, 1, row, 0, width);
        }
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(buffered, "png", png.toFile())) {
            throw new IOException("no PNG writer in this JVM");
        }
    }

    /** Distinct colours, counted up to a little past what "not blank" needs. */
    static int colours(WritableImage image) {
        Set<Integer> seen = new HashSet<>();
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < (int) image.getHeight(); y += 2) {
            for (int x = 0; x < (int) image.getWidth(); x += 2) {
                seen.add(pixels.getArgb(x, y));
                if (seen.size() > 4 * MINIMUM_COLOURS) {
                    return seen.size();
                }
            }
        }
        return seen.size();
    }
}

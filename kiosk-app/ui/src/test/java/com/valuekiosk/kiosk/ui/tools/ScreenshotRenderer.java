package com.valuekiosk.kiosk.ui.tools;

import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.sim.SimulatedCard;
import com.valuekiosk.kiosk.ui.KioskFlows;
import com.valuekiosk.kiosk.ui.KioskRig;
import com.valuekiosk.kiosk.ui.KioskUi;
import com.valuekiosk.kiosk.ui.Keys;
import com.valuekiosk.kiosk.ui.Messages;
import com.valuekiosk.kiosk.ui.Screen;
import com.valuekiosk.kiosk.ui.error.Problem;
import com.valuekiosk.server.emoney.EmoneyUsers;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Renders every screen of the kiosk, in Japanese and English, to {@code <dir>/<screen>_<ja|en>.png} —
 * headless (Monocle), on the real engine with simulated cards and both servers on loopback, reaching each
 * screen the way a person would. Run it as README.md says; the PNGs are kept in assets/screenshots.
 */
public final class ScreenshotRenderer {

    private final Path output;
    private KioskRig kiosk;
    private KioskUi ui;
    private Scene scene;
    private int written;

    private ScreenshotRenderer(Path output) {
        this.output = output;
    }

    public static void main(String[] args) throws Exception {
        Path output = Path.of(args.length > 0 ? args[0] : "assets/screenshots").toAbsolutePath();
        headlessUnlessTold();
        Files.createDirectories(output);
        Path work = Files.createTempDirectory("valuekiosk-screens");
        int status = 0;
        Platform.startup(() -> { });
        ScreenshotRenderer renderer = new ScreenshotRenderer(output);
        try {
            renderer.kiosk = new KioskRig(work);
            onFx(renderer::renderAll);
            System.out.println("wrote " + renderer.written + " screenshots to " + output);
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        } finally {
            if (renderer.kiosk != null) {
                renderer.kiosk.close();
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

    private void renderAll() {
        ui = new KioskUi(KioskFlows.of(kiosk.engine), KioskRig.currentThread(), kiosk.uiSettings());
        scene = ui.scene();
        Stage stage = new Stage();
        stage.setScene(scene);
        stage.show();

        shoot("menu");

        ui.processing().show(Keys.PROCESSING_CONTACTING_CREDIT);
        ui.navigator().navigate(Screen.PROCESSING);
        shoot("processing");

        // FIG. 9B with a wrong PIN first: the error screen with the tries left, then "try again".
        kiosk.placeBothCards();
        ui.menu().purchase();
        type("9999");
        ui.purchase().choosePreset(2_000);
        ui.purchase().transmit();
        expect(Screen.ERROR);
        shoot("error_wrong_pin");
        ui.errors().tryAgain();
        type(DemoCards.PIN);
        shoot("purchase");

        ui.purchase().transmit();
        expect(Screen.RECEIPT);
        shoot("receipt");

        ui.receipt().chargeUpNow();
        expect(Screen.CONFIRM);
        shoot("confirm");
        ui.chargeUp().confirm(true);
        expect(Screen.COMPLETED);
        shoot("completed");

        ui.menu().balanceInquiry();
        expect(Screen.BALANCE);
        shoot("balance");

        ui.menu().chargeUp();
        shoot("chargeup_place_card");

        // A phone with a password (FIG. 10A with the password field), then NO on FIG. 10B.
        SimulatedCard phone = KioskRig.CARDS.phone(DemoCards.PHONE_PURSE);
        kiosk.contactless.remove();
        kiosk.contactless.tap(phone);
        ui.menu().purchase();
        type(DemoCards.PIN);
        ui.purchase().choosePreset(1_000);
        ui.purchase().transmit();
        expect(Screen.RECEIPT);
        ui.receipt().chargeUpNow();
        expect(Screen.CHARGE_UP);
        for (char digit : "1111".toCharArray()) {
            chargeUpScreenType(digit);
        }
        chargeUpScreenTransmit();
        expect(Screen.CHARGE_UP);
        for (char digit : EmoneyUsers.DEMO_PHONE_PASSWORD.toCharArray()) {
            chargeUpScreenType(digit);
        }
        shoot("chargeup_password");
        chargeUpScreenTransmit();
        expect(Screen.CONFIRM);
        ui.chargeUp().confirm(false);
        expect(Screen.KEPT_FOR_LATER);
        shoot("kept_for_later");

        kiosk.contactless.remove();
        ui.menu().balanceInquiry();
        expect(Screen.ERROR);
        shoot("error_no_card");

        ui.errors().show(new Problem(Keys.REMOVED_WHAT, List.of(), Keys.REMOVED_NEXT, Keys.REMOVED_RETRY, () -> { }));
        shoot("error_card_removed_during_write");
    }

    /** The password keypad of FIG. 10A, touched as a person would: through the view's buttons. */
    private void chargeUpScreenType(char digit) {
        ((javafx.scene.control.Button) scene.lookup("#key-" + digit)).fire();
    }

    private void chargeUpScreenTransmit() {
        ((javafx.scene.control.Button) scene.lookup("#password-transmit")).fire();
    }

    private void type(String digits) {
        ui.purchase().select(com.valuekiosk.kiosk.ui.purchase.PurchaseViewModel.Field.PIN);
        for (char digit : digits.toCharArray()) {
            ui.purchase().type(digit);
        }
    }

    private void expect(Screen screen) {
        if (ui.navigator().current() != screen) {
            throw new IllegalStateException("expected " + screen + " but the kiosk shows " + ui.navigator().current()
                    + " (" + ui.errors().problemProperty().get().whatKey() + ")");
        }
    }

    private void shoot(String name) {
        for (Locale language : Messages.LANGUAGES) {
            ui.messages().setLocale(language);
            write(scene.snapshot(null), output.resolve(name + "_" + language.getLanguage() + ".png"));
        }
        ui.messages().setLocale(Messages.JAPANESE);
    }

    private void write(WritableImage image, Path file) {
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
        written++;
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void onFx(Step step) throws Exception {
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

package com.valuekiosk.kiosk.demo.tools;

import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.kiosk.demo.panel.CardPanel;
import com.valuekiosk.kiosk.demo.panel.CardPanelViewModel;
import com.valuekiosk.kiosk.demo.panel.KioskWithPanel;
import com.valuekiosk.kiosk.demo.panel.PanelCard;
import com.valuekiosk.kiosk.ui.KioskFlows;
import com.valuekiosk.kiosk.ui.KioskRig;
import com.valuekiosk.kiosk.ui.KioskScreens;
import com.valuekiosk.kiosk.ui.KioskUi;
import com.valuekiosk.kiosk.ui.Messages;
import com.valuekiosk.kiosk.ui.tools.ScreenshotRenderer;
import com.valuekiosk.server.testing.TestDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Renders the demo's window — the kiosk screen with the usability card panel beside it (R-UT1), a card in each
 * reader, the purchase screen, "remove during write" armed, the technician's section and a study's participant
 * marked — in Japanese and English to
 * {@code <dir>/card_panel_<ja|en>.png}, headless, as kiosk-ui's ScreenshotRenderer renders the kiosk's own screens:
 * {@code ./mvnw -B -ntp -Pscreenshots -DskipTests -pl kiosk-app/demo -am verify}.
 */
public final class CardPanelScreenshots {

    private CardPanelScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path output = Path.of(args.length > 0 ? args[0] : "assets/screenshots").toAbsolutePath();
        if (System.getProperty("glass.platform") == null) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
        }
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(output);
        int status = 0;
        Platform.startup(() -> { });
        KioskRig kiosk = null;
        try {
            // In the test JVM's own temporary directory, which is deleted when this tool exits.
            kiosk = new KioskRig(Files.createDirectories(TestDirectory.get().resolve("panel-screens")));
            KioskRig rig = kiosk;
            CompletableFuture<Void> done = new CompletableFuture<>();
            Platform.runLater(() -> {
                try {
                    render(rig, output);
                    done.complete(null);
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                }
            });
            done.get(5, TimeUnit.MINUTES);
            System.out.println("wrote the card panel screenshots to " + output);
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

    private static void render(KioskRig kiosk, Path output) {
        KioskScreens screens = new KioskScreens(KioskFlows.of(kiosk.engine), KioskRig.currentThread(), kiosk.uiSettings());
        KioskUi withPanel = new KioskUi(screens);
        CardPanelViewModel panel = new CardPanelViewModel(kiosk.contact, kiosk.contactless,
                PanelCard.of(kiosk.creditCard, KioskRig.CARDS.contactlessCreditCard(DemoCards.CONTACTLESS_CREDIT_CARD),
                        kiosk.emoneyCard, KioskRig.CARDS.comboCard(DemoCards.COMBO_CREDIT, DemoCards.COMBO_PURSE),
                        KioskRig.CARDS.phone(DemoCards.PHONE_PURSE)),
                KioskRig.currentThread());
        CardPanel cardPanel = new CardPanel(panel, withPanel.messages());
        cardPanel.addDiagnostics(() -> { });
        // Recording mode (demo --record): the tester has marked participant P03's start.
        com.valuekiosk.kiosk.demo.panel.StudyViewModel study =
                new com.valuekiosk.kiosk.demo.panel.StudyViewModel("pilot", participant -> 3);
        cardPanel.addStudy(study);
        study.participantProperty().set("P03");
        study.startSession();
        Scene panelScene = KioskWithPanel.scene(withPanel, cardPanel);
        Stage panelStage = new Stage();
        panelStage.setScene(panelScene);
        panelStage.show();
        panel.insert(panel.cards().get(0));
        panel.tap(panel.cards().get(2));
        screens.menu().purchase();
        panel.removeDuringWrite();
        Messages messages = withPanel.messages();
        for (Locale language : Messages.LANGUAGES) {
            messages.setLocale(language);
            ScreenshotRenderer.writePng(panelScene.snapshot(null), output.resolve("card_panel_" + language.getLanguage() + ".png"));
        }
        messages.setLocale(Messages.JAPANESE);
        panel.disarm();
        panelStage.close();
    }
}

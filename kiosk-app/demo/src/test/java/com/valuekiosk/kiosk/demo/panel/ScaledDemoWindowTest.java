package com.valuekiosk.kiosk.demo.panel;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.kiosk.ui.KioskRig;
import com.valuekiosk.kiosk.ui.KioskStage;
import com.valuekiosk.kiosk.ui.KioskUi;
import com.valuekiosk.kiosk.ui.Screen;
import com.valuekiosk.kiosk.ui.ScreenRobot;
import java.nio.file.Path;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's window on a 1366 × 768 laptop: kiosk screen and card panel scaled down together so that both fit,
 * and touches on either still reach the control under the finger.
 */
class ScaledDemoWindowTest {

    @RegisterExtension
    final KioskStage kioskStage = new KioskStage();
    @TempDir
    Path directory;
    private final ScreenRobot robot = new ScreenRobot();

    private static java.util.List<PanelCard> cards(KioskRig kiosk) {
        return PanelCard.of(kiosk.creditCard, KioskRig.CARDS.contactlessCreditCard(DemoCards.CONTACTLESS_CREDIT_CARD),
                kiosk.emoneyCard, KioskRig.CARDS.comboCard(DemoCards.COMBO_CREDIT, DemoCards.COMBO_PURSE),
                KioskRig.CARDS.phone(DemoCards.PHONE_PURSE));
    }

    private record Usability(KioskUi ui, CardPanelViewModel panel) {
    }

    @Test
    void onASmallDisplayBothFitScaledDownAndTouchesStillLandOnTheirControls() throws Exception {
        KioskRig kiosk = kioskStage.openRig(directory);
        kiosk.contact.remove();
        Rectangle2D laptop = new Rectangle2D(0, 0, 1366, 768);
        Scene[] scene = new Scene[1];
        Usability shown = kioskStage.show(() -> new Usability(kiosk.kioskUi(),
                        new CardPanelViewModel(kiosk.contact, kiosk.contactless,
                                cards(kiosk), KioskRig.currentThread())),
                usability -> scene[0] = KioskWithPanel.sceneFitting(usability.ui(),
                        new CardPanel(usability.panel(), usability.ui().messages()), laptop));

        assertThat(scene[0].getWidth()).isLessThanOrEqualTo(1366);
        assertThat(scene[0].getHeight()).isLessThanOrEqualTo(768 - 40);
        assertThat(((ScaledToFit) scene[0].getRoot()).factor()).isLessThan(1).isGreaterThan(0.75);

        robot.clickOn("#menu-purchase");
        assertThat(shown.ui().navigator().current()).isEqualTo(Screen.PURCHASE);
        robot.clickOn("#panel-credit-insert");
        assertThat(kiosk.contact.card()).containsSame(kiosk.creditCard);
    }

    @Test
    void onALargeDisplayNothingIsScaled() throws Exception {
        KioskRig kiosk = kioskStage.openRig(directory);
        Scene[] scene = new Scene[1];
        kioskStage.show(() -> new Usability(kiosk.kioskUi(),
                        new CardPanelViewModel(kiosk.contact, kiosk.contactless,
                                cards(kiosk), KioskRig.currentThread())),
                usability -> scene[0] = KioskWithPanel.sceneFitting(usability.ui(),
                        new CardPanel(usability.panel(), usability.ui().messages()), new Rectangle2D(0, 0, 1920, 1080)));
        assertThat(scene[0].getWidth()).isEqualTo(KioskWithPanel.WIDTH);
        assertThat(((ScaledToFit) scene[0].getRoot()).factor()).isEqualTo(1);
    }
}

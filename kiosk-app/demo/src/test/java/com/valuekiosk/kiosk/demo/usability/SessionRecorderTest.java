package com.valuekiosk.kiosk.demo.usability;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.kiosk.ui.KioskRig;
import com.valuekiosk.kiosk.ui.KioskStage;
import com.valuekiosk.kiosk.ui.KioskUi;
import com.valuekiosk.kiosk.ui.ScreenRobot;
import com.valuekiosk.server.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.scene.Scene;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A participant's session as the recorder keeps it: screens with their times, touches with the control hit or a
 * miss, the keypad without digits or positions, language, back, the outcome; exported as JSON and CSV with no PIN
 * digit and no card number in them.
 */
class SessionRecorderTest {

    @RegisterExtension
    final KioskStage kioskStage = new KioskStage();
    @TempDir
    Path directory;
    private final ScreenRobot robot = new ScreenRobot();

    @Test
    void aPurchaseAndChargeUpIsRecordedWithoutAnyPinDigitOrCardNumber() throws Exception {
        KioskRig kiosk = kioskStage.openRig(directory);
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        SessionRecorder[] recorder = new SessionRecorder[1];
        KioskUi ui = kioskStage.show(kiosk::kioskUi, shown -> {
            Scene scene = shown.scene();
            recorder[0] = new SessionRecorder(shown, scene, clock);
            return scene;
        });
        robot.moveCards(kiosk::placeBothCards);
        robot.clickOn("#lang-en");
        clock.advance(Duration.ofSeconds(3));
        robot.clickOn("#menu-purchase");
        clock.advance(Duration.ofSeconds(2));
        robot.clickOn("#card-credit"); // a card row is no control: a missed touch
        robot.typePin(DemoCards.PIN);
        robot.clickOn("#preset-2000");
        robot.clickOn("#transmit");
        robot.clickOn("#receipt-chargeup");
        robot.clickOn("#confirm-yes");

        List<SessionRecorder.Session> sessions = recorder[0].sessions();
        assertThat(sessions).hasSize(1);
        SessionRecorder.Session session = sessions.get(0);
        assertThat(session.outcome()).isEqualTo("completed");
        List<String> kinds = session.events().stream().map(e -> e.kind() + ":" + e.detail()).toList();
        assertThat(kinds).containsSubsequence("SCREEN:MENU", "TOUCH:lang-en", "LANGUAGE:en", "TOUCH:menu-purchase",
                "SCREEN:PURCHASE", "TOUCH:", "TOUCH:pin-field", "TOUCH:keypad", "TOUCH:preset-2000", "TOUCH:transmit",
                "SCREEN:RECEIPT", "TOUCH:receipt-chargeup", "SCREEN:CONFIRM", "TOUCH:confirm-yes", "SCREEN:COMPLETED",
                "END:completed");
        assertThat(kinds.stream().filter(k -> k.equals("TOUCH:keypad")).count()).isEqualTo(4);
        SessionRecorder.Event purchaseEntered = session.events().stream()
                .filter(e -> e.kind().equals("SCREEN") && e.detail().equals("PURCHASE")).findFirst().orElseThrow();
        assertThat(purchaseEntered.atMillis()).as("time on the menu").isEqualTo(3_000);
        session.events().forEach(e -> assertThat(e.detail()).as("no PIN in any event").doesNotContain(DemoCards.PIN));
        session.events().stream().filter(e -> e.detail().equals("keypad"))
                .forEach(e -> assertThat(e.x()).as("no position on the keypad").isNull());
        SessionRecorder.Event missed = session.events().stream().filter(e -> e.kind().equals("TOUCH") && e.detail().isEmpty())
                .findFirst().orElseThrow();
        assertThat(missed.x()).isNotNull();
        assertThat(missed.screen()).isEqualTo("PURCHASE");

        recorder[0].export(directory.resolve("study"));
        String json = Files.readString(directory.resolve("study/sessions.json"));
        String csv = Files.readString(directory.resolve("study/events.csv"));
        for (String written : List.of(json, csv)) {
            assertThat(written).contains("menu-purchase").doesNotContain("key-")
                    .doesNotContain(DemoCards.CREDIT_CARD.cardNumber().digits())
                    .doesNotContain(DemoCards.EMONEY_CARD.cardNumber().digits());
        }
        assertThat(csv).startsWith("session,participant,millis,kind,screen,detail,x,y,study\n");
        // Each screen as it showed on entering it, per language, for the report's heat maps.
        assertThat(recorder[0].screenPictures().keySet()).contains("MENU_ja", "MENU_en", "PURCHASE_en", "RECEIPT_en",
                "CONFIRM_en", "COMPLETED_en");
        javafx.scene.image.Image purchase = recorder[0].screenPictures().get("PURCHASE_en");
        assertThat(purchase.getWidth()).isEqualTo(KioskUi.WIDTH);
        assertThat(purchase.getHeight()).isEqualTo(KioskUi.HEIGHT);
        assertThat(javax.imageio.ImageIO.read(directory.resolve("study/screens/PURCHASE_en.png").toFile()).getWidth())
                .isEqualTo((int) KioskUi.WIDTH);
    }

    @Test
    void aScreenIsNotPicturedWhileAKeypadKeyHoldsTheFocus() throws Exception {
        KioskRig kiosk = kioskStage.openRig(directory);
        SessionRecorder[] recorder = new SessionRecorder[1];
        kioskStage.show(kiosk::kioskUi, shown -> {
            Scene scene = shown.scene();
            recorder[0] = new SessionRecorder(shown, scene, java.time.Clock.systemUTC(), "privacy");
            return scene;
        });
        robot.moveCards(kiosk::placeBothCards);
        robot.clickOn("#lang-en").clickOn("#menu-purchase");
        for (char digit : DemoCards.PIN.toCharArray()) {
            robot.clickOn("#key-" + digit); // into the PIN field, the keypad's first target
        }
        robot.clickOn("#preset-2000"); // the first touch with a place: the last key's focus ring is still on

        assertThat(recorder[0].picturedAtTouch()).as("the menu, touched with nothing typed").contains("MENU_en")
                .as("the purchase screen: only as it showed on entering it").doesNotContain("PURCHASE_en");
        assertThat(recorder[0].screenPictures()).containsKey("PURCHASE_en");
        assertThat(recorder[0].sessions().get(0).study()).isEqualTo("privacy");
    }
}

package com.valuekiosk.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.server.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The screens on the real engine: simulated readers with the demo cards, both servers on loopback over
 * mutual TLS. Flows run on the FX thread (current-thread executor), so every click has finished its work
 * when the robot returns: no sleeps, no polling. Cards are placed on the FX thread too ({@link #cards}), as the
 * card panel does, so that their events reach the screens there.
 */
class KioskScreensTest {

    private static Stage stage;

    @TempDir
    Path directory;
    private KioskRig kiosk;
    private KioskUi ui;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void toolkit() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void kiosk() throws Exception {
        kiosk = new KioskRig(directory);
        ui = KioskStage.show(() -> new KioskUi(KioskFlows.of(kiosk.engine), KioskRig.currentThread(), kiosk.uiSettings()),
                KioskUi::scene);
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        if (kiosk != null) {
            kiosk.close();
        }
    }

    @Test
    void purchaseWithTheKeypadThenChargeUpShowsTheNewBalance() throws Exception {
        cards(kiosk::placeBothCards);
        assertThat(text("#menu-purchase")).isEqualTo("クレジットカードでVALUEを購入");

        robot.clickOn("#menu-purchase");
        assertThat(ui.navigator().current()).isEqualTo(Screen.PURCHASE);
        robot.clickOn("#pin-field");
        for (char digit : DemoCards.PIN.toCharArray()) {
            robot.clickOn("#key-" + digit);
        }
        assertThat(text("#pin-field")).isEqualTo("●●●●");
        robot.clickOn("#preset-2000");
        assertThat(text("#amount-field")).isEqualTo("¥2,000");

        robot.clickOn("#transmit");
        assertThat(ui.navigator().current()).as(text("#error-what")).isEqualTo(Screen.RECEIPT);
        String receipt = text("#receipt-text");
        assertThat(receipt).contains("ご請求額          ¥2,000").contains("**** **** **** 0013")
                .doesNotContain(DemoCards.CREDIT_CARD.cardNumber().digits());

        robot.clickOn("#receipt-save");
        try (Stream<Path> saved = Files.list(directory.resolve("receipts"))) {
            Path file = saved.findFirst().orElseThrow();
            assertThat(Files.readString(file)).contains("0013").doesNotContain(DemoCards.CREDIT_CARD.cardNumber().digits());
            assertThat(text("#receipt-status")).contains(file.getFileName().toString());
        }

        robot.clickOn("#receipt-chargeup");
        assertThat(ui.navigator().current()).as(text("#error-what")).isEqualTo(Screen.CONFIRM);
        assertThat(text("#confirm-available")).isEqualTo("チャージ可能額：¥2,000");

        robot.clickOn("#lang-en");
        assertThat(text("#confirm-available")).as("re-labelled at once").isEqualTo("Amount available for charging-up: ¥2,000");
        robot.clickOn("#confirm-yes");
        assertThat(ui.navigator().current()).as(text("#error-what")).isEqualTo(Screen.COMPLETED);
        assertThat(text("#completed-charged")).isEqualTo("Charged up with ¥2,000");
        assertThat(text("#completed-balance")).isEqualTo("The balance after charging-up is ¥3,000");

        robot.clickOn("#lang-ja");
        assertThat(text("#completed-balance")).isEqualTo("チャージ後の残高は¥3,000です");
        robot.clickOn("#back-to-menu");
        robot.clickOn("#menu-balance");
        assertThat(ui.navigator().current()).isEqualTo(Screen.BALANCE);
        assertThat(text("#balance-amount")).isEqualTo("残高：¥3,000");
        assertThat(text("#log-0")).contains("¥2,000").contains("¥3,000");
    }

    @Test
    void aWrongPinShowsTheTriesLeftAndTryAgainKeepsTheAmount() throws Exception {
        try (LogCapture log = new LogCapture()) {
            wrongPinThenTheRightOne();
            String logged = log.unmaskedText();
            assertThat(logged).contains("WRONG_PIN").doesNotContain(DemoCards.CREDIT_CARD.cardNumber().digits())
                    .doesNotContain(DemoCards.EMONEY_CARD.cardNumber().digits());
        }
    }

    private void wrongPinThenTheRightOne() throws Exception {
        cards(kiosk::placeBothCards);
        robot.clickOn("#lang-en");
        robot.clickOn("#menu-purchase");
        typePin("9999");
        robot.clickOn("#preset-2000");
        robot.clickOn("#transmit");

        assertThat(ui.navigator().current()).isEqualTo(Screen.ERROR);
        assertThat(text("#error-what")).isEqualTo("The PIN is wrong. Tries left: 2.");
        assertThat(robot.lookup("#error-retry").queryButton().isVisible()).isTrue();

        robot.clickOn("#error-retry");
        assertThat(ui.navigator().current()).isEqualTo(Screen.PURCHASE);
        assertThat(text("#pin-field")).as("the PIN is typed again").isEmpty();
        assertThat(text("#amount-field")).isEqualTo("¥2,000");
        typePin(DemoCards.PIN);
        robot.clickOn("#transmit");
        assertThat(ui.navigator().current()).as(text("#error-what")).isEqualTo(Screen.RECEIPT);
        assertThat(kiosk.servers.credit(Long.class, "SELECT COUNT(*) FROM billing_records")).isEqualTo(1);
    }

    @Test
    void noKeepsTheValueForLaterAndWithoutACardTheScreenSaysPlaceIt() throws Exception {
        robot.clickOn("#lang-en");
        robot.clickOn("#menu-chargeup");
        assertThat(text("#chargeup-instruction")).isEqualTo("Please place your electronic money card on the reader.");
        assertThat(ui.navigator().current()).as("it waits for the card").isEqualTo(Screen.CHARGE_UP);
        assertThat(robot.lookup("#chargeup-cardplaced").tryQuery()).as("no button: the card's arrival starts it").isEmpty();

        cards(kiosk::placeBothCards);
        assertThat(ui.navigator().current()).as("the card was read on its arrival").isEqualTo(Screen.ERROR);
        assertThat(text("#error-what")).isEqualTo("There is no VALUE waiting for this card.");
        robot.clickOn("#error-menu");
        robot.clickOn("#menu-purchase");
        typePin(DemoCards.PIN);
        robot.clickOn("#amount-field");
        robot.clickOn("#key-1").clickOn("#key-5").clickOn("#key-0").clickOn("#key-0");
        assertThat(text("#amount-field")).isEqualTo("¥1,500");
        robot.clickOn("#transmit");
        robot.clickOn("#receipt-chargeup");
        robot.clickOn("#confirm-no");
        assertThat(ui.navigator().current()).isEqualTo(Screen.KEPT_FOR_LATER);
        assertThat(text("#kept-text")).startsWith("¥1,500 stays reserved");
        assertThat(kiosk.servers.available(DemoCards.EMONEY_CARD.cardNumber())).isEqualTo(1_500);
    }

    /** Places or takes away cards on the FX thread, where the card panel does it. */
    private void cards(Runnable placing) {
        robot.interact(placing);
    }

    private void typePin(String pin) {
        robot.clickOn("#pin-field");
        for (char digit : pin.toCharArray()) {
            robot.clickOn("#key-" + digit);
        }
    }

    private String text(String query) {
        return robot.lookup(query).tryQuery().map(node -> ((Labeled) node).getText()).orElse("(no " + query + ")");
    }

    static {
        Locale.setDefault(Locale.US);
    }
}

package com.valuekiosk.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.server.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The screens on the real engine: simulated readers with the demo cards, both servers on loopback over
 * mutual TLS. Flows run on the FX thread (current-thread executor), so every click has finished its work
 * when the robot returns: no sleeps, no polling. Cards are placed on the FX thread too
 * ({@link ScreenRobot#moveCards}), as the card panel does, so that their events reach the screens there.
 */
class KioskScreensTest {

    @RegisterExtension
    final KioskStage kioskStage = new KioskStage();
    @TempDir
    Path directory;
    private final ScreenRobot robot = new ScreenRobot();
    private KioskRig kiosk;
    private KioskUi ui;

    @BeforeEach
    void kiosk() throws Exception {
        kiosk = kioskStage.openRig(directory);
        ui = kioskStage.show(kiosk::kioskUi);
    }

    @Test
    void purchaseWithTheKeypadThenChargeUpShowsTheNewBalance() throws Exception {
        robot.moveCards(kiosk::placeBothCards);
        assertThat(robot.text("#menu-purchase")).isEqualTo("クレジットカードでVALUEを購入");

        robot.clickOn("#menu-purchase");
        assertThat(ui.navigator().current()).isEqualTo(Screen.PURCHASE);
        robot.typePin(DemoCards.PIN);
        assertThat(robot.text("#pin-field")).isEqualTo("●●●●");
        robot.clickOn("#preset-2000");
        assertThat(robot.text("#amount-field")).isEqualTo("¥2,000");

        robot.clickOn("#transmit");
        assertThat(ui.navigator().current()).as(robot.text("#error-what")).isEqualTo(Screen.RECEIPT);
        String receipt = robot.text("#receipt-text");
        assertThat(receipt).contains("ご請求額          ¥2,000").contains("**** **** **** 0013")
                .doesNotContain(DemoCards.CREDIT_CARD.cardNumber().digits());

        robot.clickOn("#receipt-save");
        try (Stream<Path> saved = Files.list(directory.resolve("receipts"))) {
            Path file = saved.findFirst().orElseThrow();
            assertThat(Files.readString(file)).contains("0013").doesNotContain(DemoCards.CREDIT_CARD.cardNumber().digits());
            String purchaseNumber = file.getFileName().toString().substring("receipt-".length(), "receipt-".length() + 8)
                    .toUpperCase(java.util.Locale.ROOT);
            assertThat(robot.text("#receipt-status")).as("the purchase number, not a file name")
                    .contains(purchaseNumber.substring(0, 4) + "-" + purchaseNumber.substring(4))
                    .doesNotContain(".txt");
        }

        robot.clickOn("#receipt-chargeup");
        assertThat(ui.navigator().current()).as(robot.text("#error-what")).isEqualTo(Screen.CONFIRM);
        assertThat(robot.text("#confirm-available")).isEqualTo("チャージ可能額：¥2,000");

        robot.clickOn("#lang-en");
        assertThat(robot.text("#confirm-available")).as("re-labelled at once").isEqualTo("Amount available for charging-up: ¥2,000");
        robot.clickOn("#confirm-yes");
        assertThat(ui.navigator().current()).as(robot.text("#error-what")).isEqualTo(Screen.COMPLETED);
        assertThat(robot.text("#completed-charged")).isEqualTo("Charged up with ¥2,000");
        assertThat(robot.text("#completed-balance")).isEqualTo("The balance after charging-up is ¥3,000");

        robot.clickOn("#lang-ja");
        assertThat(robot.text("#completed-balance")).isEqualTo("チャージ後の残高は¥3,000です");
        robot.clickOn("#back-to-menu");
        assertThat(robot.text("#take-card-what")).isEqualTo("クレジットカードをお取りください。");
        robot.takeCreditCardBack(ui, kiosk.contact);
        robot.clickOn("#menu-balance");
        assertThat(ui.navigator().current()).isEqualTo(Screen.BALANCE);
        assertThat(robot.text("#balance-amount")).isEqualTo("残高：¥3,000");
        assertThat(robot.text("#log-0")).contains("¥2,000").contains("¥3,000");
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
        robot.moveCards(kiosk::placeBothCards);
        robot.clickOn("#lang-en");
        robot.clickOn("#menu-purchase");
        robot.typePin("9999");
        robot.clickOn("#preset-2000");
        robot.clickOn("#transmit");

        assertThat(ui.navigator().current()).isEqualTo(Screen.ERROR);
        assertThat(robot.text("#error-what")).isEqualTo("The PIN is wrong. Tries left: 2.");
        assertThat(robot.lookup("#error-retry").queryButton().isVisible()).isTrue();

        robot.clickOn("#error-retry");
        assertThat(ui.navigator().current()).isEqualTo(Screen.PURCHASE);
        assertThat(robot.text("#pin-field")).as("the PIN is typed again").isEmpty();
        assertThat(robot.text("#amount-field")).isEqualTo("¥2,000");
        robot.typePin(DemoCards.PIN);
        robot.clickOn("#transmit");
        assertThat(ui.navigator().current()).as(robot.text("#error-what")).isEqualTo(Screen.RECEIPT);
        assertThat(kiosk.servers.credit(Long.class, "SELECT COUNT(*) FROM billing_records")).isEqualTo(1);
    }

    @Test
    void noKeepsTheValueForLaterAndWithoutACardTheScreenSaysPlaceIt() throws Exception {
        robot.clickOn("#lang-en");
        robot.clickOn("#menu-chargeup");
        assertThat(robot.text("#chargeup-instruction")).isEqualTo("Please place your electronic money card on the reader.");
        assertThat(ui.navigator().current()).as("it waits for the card").isEqualTo(Screen.CHARGE_UP);
        assertThat(robot.lookup("#chargeup-cardplaced").tryQuery()).as("no button: the card's arrival starts it").isEmpty();

        robot.moveCards(kiosk::placeBothCards);
        assertThat(ui.navigator().current()).as("the card was read on its arrival").isEqualTo(Screen.ERROR);
        assertThat(robot.text("#error-what")).isEqualTo("There is no VALUE waiting for this card.");
        robot.clickOn("#error-menu");
        robot.takeCreditCardBack(ui, kiosk.contact);
        robot.moveCards(() -> kiosk.contact.insert(kiosk.creditCard));
        robot.clickOn("#menu-purchase");
        robot.typePin(DemoCards.PIN);
        robot.clickOn("#amount-field");
        robot.clickOn("#key-1").clickOn("#key-5").clickOn("#key-0").clickOn("#key-0");
        assertThat(robot.text("#amount-field")).isEqualTo("¥1,500");
        robot.clickOn("#transmit");
        robot.clickOn("#receipt-chargeup");
        robot.clickOn("#confirm-no");
        assertThat(ui.navigator().current()).isEqualTo(Screen.KEPT_FOR_LATER);
        assertThat(robot.text("#kept-text")).startsWith("¥1,500 stays reserved");
        assertThat(kiosk.servers.available(DemoCards.EMONEY_CARD.cardNumber())).isEqualTo(1_500);
    }

    static {
        Locale.setDefault(Locale.US);
    }
}

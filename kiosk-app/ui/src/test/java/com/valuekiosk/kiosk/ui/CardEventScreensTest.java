package com.valuekiosk.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.sim.SimulatedCard;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The screens follow the readers' card events (R-KI3): charge-up and balance start when the card arrives, a
 * card left on the reader after its charge-up is not charged again, the purchase screen shows which cards are
 * in place and what TRANSMIT waits for, and a purchase goes through in each card variant of FIG. 14A–14C. On
 * the real engine with simulated readers and both servers; cards are placed on the FX thread, as the card
 * panel places them, and flows run there too, so each step has finished when the robot returns.
 */
class CardEventScreensTest {

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
        robot.clickOn("#lang-en");
    }

    @Test
    void chargeUpStartsOnTheTapAndACardLeftOnTheReaderIsNotChargedTwice() throws Exception {
        buy(2_000);
        robot.clickOn("#back-to-menu");
        robot.takeCreditCardBack(ui, kiosk.contact);
        robot.moveCards(() -> kiosk.contactless.remove());

        robot.clickOn("#menu-chargeup");
        assertThat(ui.navigator().current()).isEqualTo(Screen.CHARGE_UP);
        robot.moveCards(() -> kiosk.contactless.tap(kiosk.emoneyCard));
        assertThat(ui.navigator().current()).as("the tap alone started it").isEqualTo(Screen.CONFIRM);
        assertThat(robot.text("#confirm-available")).isEqualTo("Amount available for charging-up: ¥2,000");
        assertThat(robot.text("#confirm-balances")).isEqualTo("Your card now holds ¥1,000; after charging up it will hold ¥3,000.");
        assertThat(robot.visible("#confirm-over-maximum")).isFalse();
        assertThat(robot.text("#confirm-no-meaning")).contains("NO: the VALUE stays safe for you");
        robot.clickOn("#confirm-yes");
        assertThat(robot.text("#completed-balance")).isEqualTo("The balance after charging-up is ¥3,000");

        // The card stays on the reader; more VALUE is bought meanwhile; the charge-up screen opens again.
        robot.clickOn("#back-to-menu");
        buy(1_000);
        robot.clickOn("#back-to-menu");
        robot.takeCreditCardBack(ui, kiosk.contact);
        robot.clickOn("#menu-chargeup");
        assertThat(ui.navigator().current()).isEqualTo(Screen.CHARGE_UP);
        assertThat(robot.text("#chargeup-instruction"))
                .isEqualTo("Your card is still on the reader from the last charge-up. Please take it away and tap it again.");
        assertThat(KioskRig.balanceOn(kiosk.emoneyCard)).as("nothing charged").isEqualTo(3_000);
        assertThat(kiosk.servers.available(DemoCards.EMONEY_CARD.cardNumber())).isEqualTo(1_000);

        robot.moveCards(() -> kiosk.contactless.remove());
        assertThat(ui.navigator().current()).isEqualTo(Screen.CHARGE_UP);
        robot.moveCards(() -> kiosk.contactless.tap(kiosk.emoneyCard));
        assertThat(ui.navigator().current()).as("tapped again: now it is read").isEqualTo(Screen.CONFIRM);
        robot.clickOn("#confirm-yes");
        assertThat(robot.text("#completed-balance")).isEqualTo("The balance after charging-up is ¥4,000");
        assertThat(KioskRig.balanceOn(kiosk.emoneyCard)).isEqualTo(4_000);
        assertThat(kiosk.servers.available(DemoCards.EMONEY_CARD.cardNumber())).isZero();
    }

    @Test
    void balanceInquiryWaitsForTheCardAndReadsItOnTheTap() {
        robot.clickOn("#menu-balance");
        assertThat(ui.navigator().current()).isEqualTo(Screen.BALANCE);
        assertThat(robot.text("#balance-instruction")).isEqualTo("Please place your electronic money card on the reader.");
        assertThat(robot.text("#balance-amount")).isEmpty();

        robot.moveCards(() -> kiosk.contactless.tap(kiosk.emoneyCard));
        assertThat(ui.navigator().current()).isEqualTo(Screen.BALANCE);
        assertThat(robot.text("#balance-amount")).isEqualTo("Balance: ¥1,000");
        assertThat(robot.visible("#balance-instruction")).isFalse();

        robot.clickOn("#back-to-menu");
        robot.clickOn("#menu-balance");
        assertThat(robot.text("#balance-amount")).as("the card already on the reader is read at once").isEqualTo("Balance: ¥1,000");
    }

    @Test
    void thePurchaseScreenShowsWhichCardIsMissingAndWhatTransmitWaitsFor() {
        robot.clickOn("#menu-purchase");
        assertThat(robot.text("#card-credit")).isEqualTo("Insert your IC credit card into the slot.");
        assertThat(robot.text("#card-emoney")).isEqualTo("Place your e-money card on the contactless reader.");
        assertThat(robot.text("#transmit-hint")).isEqualTo("Insert your IC credit card into the slot.");
        robot.typePin(DemoCards.PIN);
        robot.clickOn("#preset-2000");
        assertThat(robot.disabled("#transmit")).as("PIN and amount are not enough").isTrue();

        robot.moveCards(() -> kiosk.contact.insert(kiosk.creditCard));
        assertThat(robot.text("#card-credit")).isEqualTo("✓ IC credit card inserted");
        assertThat(robot.text("#transmit-hint")).isEqualTo("Place your e-money card on the contactless reader.");
        assertThat(robot.disabled("#transmit")).isTrue();

        robot.moveCards(() -> kiosk.contactless.tap(kiosk.emoneyCard));
        assertThat(robot.text("#card-emoney")).isEqualTo("✓ Electronic money card on the reader");
        assertThat(robot.text("#transmit-hint")).isEmpty();
        assertThat(robot.disabled("#transmit")).isFalse();

        robot.moveCards(() -> kiosk.contact.remove());
        assertThat(robot.text("#card-credit")).isEqualTo("Insert your IC credit card into the slot.");
        assertThat(robot.disabled("#transmit")).as("the card was taken out again").isTrue();
        robot.clickOn("#amount-field").clickOn("#key-clear");
        robot.moveCards(() -> kiosk.contact.insert(kiosk.creditCard));
        assertThat(robot.text("#transmit-hint")).isEqualTo("Choose or enter the purchase amount.");
        robot.clickOn("#pin-field").clickOn("#key-clear");
        assertThat(robot.text("#transmit-hint")).isEqualTo("Enter your PIN (4 to 8 digits).");
    }

    @Test
    void fig14aContactlessCreditCardThenTheEmoneyCardOnOneReader() throws Exception {
        SimulatedCard contactlessCredit = KioskRig.CARDS.contactlessCreditCard(DemoCards.CONTACTLESS_CREDIT_CARD);
        robot.clickOn("#menu-purchase");
        robot.clickOn("#variant-contactless-credit");
        assertThat(robot.help("#screen-purchase")).startsWith("Tap your contactless credit card on the reader first");
        assertThat(robot.text("#card-credit")).isEqualTo("Tap your contactless credit card on the reader.");

        robot.moveCards(() -> kiosk.contactless.tap(kiosk.emoneyCard));
        assertThat(robot.text("#card-credit")).as("an e-money card first is refused gently")
                .isEqualTo("That was not a credit card. Please start with your contactless credit card.");
        robot.moveCards(() -> kiosk.contactless.remove());

        robot.moveCards(() -> kiosk.contactless.tap(contactlessCredit));
        assertThat(robot.text("#card-credit")).isEqualTo("✓ Credit card read");
        assertThat(robot.text("#card-emoney")).isEqualTo("Take the credit card away; place your e-money card on the reader.");
        robot.moveCards(() -> {
            kiosk.contactless.remove();
            kiosk.contactless.tap(kiosk.emoneyCard);
        });
        assertThat(robot.text("#card-emoney")).isEqualTo("✓ Electronic money card read");
        assertThat(robot.text("#card-credit"))
                .isEqualTo("Take the e-money card away; hold your credit card there again.");
        robot.typePin(DemoCards.PIN);
        robot.clickOn("#preset-2000");
        assertThat(robot.disabled("#transmit")).isTrue();

        robot.moveCards(() -> {
            kiosk.contactless.remove();
            kiosk.contactless.tap(contactlessCredit);
        });
        assertThat(robot.text("#card-credit")).isEqualTo("✓ Credit card on the reader");
        robot.clickOn("#transmit");
        assertThat(ui.navigator().current()).as(robot.text("#error-what")).isEqualTo(Screen.RECEIPT);
        assertThat(kiosk.billed(DemoCards.CONTACTLESS_CREDIT_CARD.cardNumber()))
                .containsExactly(DemoCards.EMONEY_CARD.cardNumber().digits() + ":2000");
        assertThat(kiosk.servers.available(DemoCards.EMONEY_CARD.cardNumber())).isEqualTo(2_000);

        // "Charge up now" with the credit card still on the pad: the e-money card is asked for, no dead end.
        robot.clickOn("#receipt-chargeup");
        assertThat(ui.navigator().current()).as(robot.text("#error-what")).isEqualTo(Screen.CHARGE_UP);
        assertThat(robot.text("#chargeup-instruction")).isEqualTo("That is not an electronic money card. Please take it away"
                + " and place your electronic money card on the reader.");
        robot.moveCards(() -> kiosk.contactless.remove());
        robot.moveCards(() -> kiosk.contactless.tap(kiosk.emoneyCard));
        assertThat(ui.navigator().current()).as(robot.text("#error-what")).isEqualTo(Screen.CONFIRM);
        robot.clickOn("#confirm-yes");
        assertThat(robot.text("#completed-balance")).isEqualTo("The balance after charging-up is ¥3,000");
    }

    @Test
    void fig14bOneComboCardOnTheReaderBuysAndIsChargedUp() throws Exception {
        SimulatedCard combo = KioskRig.CARDS.comboCard(DemoCards.COMBO_CREDIT, DemoCards.COMBO_PURSE);
        robot.clickOn("#menu-purchase");
        robot.clickOn("#variant-combo");
        assertThat(robot.help("#screen-purchase")).startsWith("Place your combo card");
        assertThat(robot.visible("#card-emoney")).as("one card is both").isFalse();
        assertThat(robot.text("#card-credit")).isEqualTo("Place your combo card on the contactless reader.");

        robot.moveCards(() -> kiosk.contactless.tap(combo));
        assertThat(robot.text("#card-credit")).isEqualTo("✓ Combo card on the reader");
        robot.typePin(DemoCards.PIN);
        robot.clickOn("#preset-3000");
        robot.clickOn("#transmit");
        assertThat(ui.navigator().current()).as(robot.text("#error-what")).isEqualTo(Screen.RECEIPT);
        assertThat(kiosk.billed(DemoCards.COMBO_CREDIT.cardNumber()))
                .containsExactly(DemoCards.COMBO_PURSE.cardNumber().digits() + ":3000");

        robot.clickOn("#receipt-chargeup");
        robot.clickOn("#confirm-yes");
        assertThat(robot.text("#completed-balance")).isEqualTo("The balance after charging-up is ¥3,000");
        assertThat(KioskRig.balanceOn(combo)).isEqualTo(3_000);
    }

    @Test
    void fig14cIcCreditCardAndAPhone() throws Exception {
        SimulatedCard phone = KioskRig.CARDS.phone(DemoCards.PHONE_PURSE);
        robot.clickOn("#menu-purchase");
        robot.clickOn("#variant-phone");
        assertThat(robot.help("#screen-purchase")).startsWith("Insert your IC credit card into the slot, hold your phone");
        robot.moveCards(() -> {
            kiosk.contact.insert(kiosk.creditCard);
            kiosk.contactless.tap(phone);
        });
        assertThat(robot.text("#card-credit")).isEqualTo("✓ IC credit card inserted");
        assertThat(robot.text("#card-emoney")).isEqualTo("✓ Phone on the reader");
        robot.typePin(DemoCards.PIN);
        robot.clickOn("#preset-1000");
        robot.clickOn("#transmit");
        assertThat(ui.navigator().current()).as(robot.text("#error-what")).isEqualTo(Screen.RECEIPT);
        assertThat(kiosk.billed(DemoCards.CREDIT_CARD.cardNumber()))
                .containsExactly(DemoCards.PHONE_PURSE.cardNumber().digits() + ":1000");

        robot.clickOn("#back-to-menu");
        robot.takeCreditCardBack(ui, kiosk.contact);
        robot.clickOn("#menu-purchase");
        assertThat(robot.lookup("#variant-ic-card").queryAs(javafx.scene.control.ToggleButton.class).isSelected())
                .as("the next person starts with the usual cards").isTrue();
    }

    @Test
    void theKioskFindsOutHowThePersonPaysFromTheCardOnThePadAndAChoiceByHandSticks() {
        robot.clickOn("#menu-purchase");
        assertThat(selected("#variant-ic-card")).as("the usual cards until a card says otherwise").isTrue();

        robot.moveCards(() -> kiosk.contactless.tap(KioskRig.CARDS.comboCard(DemoCards.COMBO_CREDIT, DemoCards.COMBO_PURSE)));
        assertThat(selected("#variant-combo")).as("credit card and purse on one card: FIG. 14B").isTrue();
        assertThat(robot.text("#card-credit")).isEqualTo("✓ Combo card on the reader");

        robot.moveCards(() -> kiosk.contactless.remove());
        robot.moveCards(() -> kiosk.contactless.tap(KioskRig.CARDS.contactlessCreditCard(DemoCards.CONTACTLESS_CREDIT_CARD)));
        assertThat(selected("#variant-contactless-credit")).as("a credit card alone on the pad, none in the slot: FIG. 14A")
                .isTrue();
        assertThat(robot.text("#card-credit")).as("read at once as the credit card").isEqualTo("✓ Credit card read");

        robot.clickOn("#variant-ic-card");
        robot.moveCards(() -> kiosk.contactless.remove());
        robot.moveCards(() -> kiosk.contactless.tap(KioskRig.CARDS.comboCard(DemoCards.COMBO_CREDIT, DemoCards.COMBO_PURSE)));
        assertThat(selected("#variant-ic-card")).as("chosen by hand: the cards do not overrule it").isTrue();
    }

    @Test
    void choosingFig14aWithAnEmoneyCardAlreadyOnThePadAsksToTakeItAwayWithoutCallingItAMistake() {
        robot.moveCards(() -> kiosk.contactless.tap(kiosk.emoneyCard));
        robot.clickOn("#menu-purchase");
        robot.clickOn("#variant-contactless-credit");
        assertThat(robot.text("#card-credit")).isEqualTo("Take the card on the reader away; tap your contactless credit card first.");
        assertThat(robot.lookup("#card-credit").query().getStyleClass()).contains("card-missing").doesNotContain("card-wrong");
        robot.moveCards(() -> kiosk.contactless.remove());
        assertThat(robot.text("#card-credit")).isEqualTo("Tap your contactless credit card on the reader.");
    }

    private boolean selected(String query) {
        return robot.lookup(query).queryAs(javafx.scene.control.ToggleButton.class).isSelected();
    }

    /** FIG. 9B with both demo cards, PIN and a preset: the receipt. */
    private void buy(long amount) {
        robot.moveCards(() -> {
            if (kiosk.contact.card().isEmpty()) {
                kiosk.contact.insert(kiosk.creditCard);
            }
            if (kiosk.contactless.card().isEmpty()) {
                kiosk.contactless.tap(kiosk.emoneyCard);
            }
        });
        robot.clickOn("#menu-purchase");
        robot.typePin(DemoCards.PIN);
        robot.clickOn("#preset-" + amount);
        robot.clickOn("#transmit");
        assertThat(ui.navigator().current()).as(robot.text("#error-what")).isEqualTo(Screen.RECEIPT);
    }

    static {
        Locale.setDefault(Locale.US);
    }
}

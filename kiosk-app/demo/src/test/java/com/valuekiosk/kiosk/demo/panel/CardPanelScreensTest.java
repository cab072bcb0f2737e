package com.valuekiosk.kiosk.demo.panel;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.sim.SimulatedCard;
import com.valuekiosk.kiosk.ui.KioskRig;
import com.valuekiosk.kiosk.ui.KioskStage;
import com.valuekiosk.kiosk.ui.KioskUi;
import com.valuekiosk.kiosk.ui.Screen;
import com.valuekiosk.kiosk.ui.ScreenRobot;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The usability card panel (R-UT1) beside the kiosk screen: its buttons put the demo cards into the
 * engine's own simulated readers, the kiosk reacts to them, and "remove during write" pulls the e-money
 * card away in the middle of the write of VALUE — the kiosk says so, and "place it again" charges the VALUE
 * exactly once. Everything runs on the FX thread (current-thread executor), so no waiting is needed.
 */
class CardPanelScreensTest {

    @RegisterExtension
    final KioskStage kioskStage = new KioskStage();
    @TempDir
    Path directory;
    private KioskRig kiosk;
    private KioskUi ui;
    private CardPanelViewModel panel;
    private final ScreenRobot robot = new ScreenRobot();

    @BeforeEach
    void kioskWithPanel() throws Exception {
        kiosk = kioskStage.openRig(directory);
        // The rig's own credit and e-money card objects, so that the test can read their balances.
        List<PanelCard> cards = PanelCard.of(kiosk.creditCard, KioskRig.CARDS.contactlessCreditCard(DemoCards.CONTACTLESS_CREDIT_CARD),
                kiosk.emoneyCard, KioskRig.CARDS.comboCard(DemoCards.COMBO_CREDIT, DemoCards.COMBO_PURSE),
                KioskRig.CARDS.phone(DemoCards.PHONE_PURSE));
        Usability shown = kioskStage.show(() -> new Usability(kiosk.kioskUi(),
                        new CardPanelViewModel(kiosk.contact, kiosk.contactless, cards, KioskRig.currentThread())),
                usability -> KioskWithPanel.scene(usability.ui(), new CardPanel(usability.panel(), usability.ui().messages())));
        ui = shown.ui();
        panel = shown.panel();
        robot.clickOn("#lang-en");
    }

    private record Usability(KioskUi ui, CardPanelViewModel panel) {
    }

    @Test
    void thePanelInsertsTapsAndRemovesCardsAndTheKioskSeesThem() {
        assertThat(robot.text("#panel-contact-holds")).isEqualTo("Contact reader: empty");
        assertThat(robot.visible("#panel-phone-insert")).as("a phone has no contacts").isFalse();
        assertThat(robot.visible("#panel-credit-tap")).as("an IC credit card has no antenna").isFalse();

        robot.clickOn("#menu-purchase");
        robot.clickOn("#panel-credit-insert");
        assertThat(kiosk.contact.card()).containsSame(kiosk.creditCard);
        assertThat(robot.text("#panel-contact-holds")).isEqualTo("Contact reader: IC credit card");
        assertThat(robot.disabled("#panel-credit-insert")).as("it is in already").isTrue();
        assertThat(robot.disabled("#panel-combo-insert")).as("the slot is taken").isTrue();
        assertThat(robot.text("#card-credit")).isEqualTo("✓ IC credit card inserted");

        robot.clickOn("#panel-emoney-tap");
        assertThat(kiosk.contactless.card()).containsSame(kiosk.emoneyCard);
        assertThat(robot.text("#panel-contactless-holds")).isEqualTo("Contactless reader: E-money card");
        assertThat(robot.disabled("#panel-phone-tap")).as("one card at a time on the pad").isTrue();
        assertThat(robot.text("#card-emoney")).isEqualTo("✓ Electronic money card on the reader");

        robot.clickOn("#panel-credit-remove");
        assertThat(kiosk.contact.card()).isEmpty();
        assertThat(robot.text("#panel-contact-holds")).isEqualTo("Contact reader: empty");
        assertThat(robot.text("#card-credit")).isEqualTo("Insert your IC credit card into the slot.");
        assertThat(robot.disabled("#panel-credit-remove")).isTrue();

        robot.clickOn("#panel-emoney-remove").clickOn("#panel-combo-insert");
        assertThat(kiosk.contact.card().map(SimulatedCard::formFactor)).contains(SimulatedCard.FormFactor.COMBO_CARD);
        assertThat(robot.disabled("#panel-combo-tap")).as("a card is in one reader at a time").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"#panel-remove-during-write", "#panel-remove-before-answer"})
    void aCardPulledAwayDuringTheWriteIsChargedOnceWhenPlacedAgain(String pullAway) throws Exception {
        robot.clickOn("#panel-credit-insert").clickOn("#panel-emoney-tap");
        robot.clickOn("#menu-purchase");
        robot.typePin(DemoCards.PIN);
        robot.clickOn("#preset-2000").clickOn("#transmit");
        assertThat(ui.navigator().current()).isEqualTo(Screen.RECEIPT);
        robot.clickOn("#back-to-menu");
        assertThat(ui.navigator().current()).as("the credit card is asked for first").isEqualTo(Screen.TAKE_CARD);
        robot.clickOn("#panel-credit-remove");
        assertThat(ui.navigator().current()).isEqualTo(Screen.MENU);

        robot.clickOn(pullAway);
        assertThat(robot.text("#panel-fault")).startsWith("Armed:");
        robot.clickOn("#menu-chargeup");
        assertThat(ui.navigator().current()).as("the card on the reader is read at once").isEqualTo(Screen.CONFIRM);
        robot.clickOn("#confirm-yes");

        assertThat(ui.navigator().current()).isEqualTo(Screen.ERROR);
        assertThat(robot.text("#error-what")).isEqualTo("The card was taken away while VALUE was being written to it.");
        assertThat(robot.text("#panel-fault")).isEqualTo("The card was pulled away during the write.");
        assertThat(robot.text("#panel-contactless-holds")).isEqualTo("Contactless reader: empty");
        assertThat(panel.contactlessHoldsProperty().get()).isEmpty();

        robot.clickOn("#panel-emoney-tap");
        assertThat(ui.navigator().current()).as("placed again, the write goes on without a touch: %s",
                robot.text("#error-what")).isEqualTo(Screen.COMPLETED);
        assertThat(robot.text("#completed-balance")).isEqualTo("The balance after charging-up is ¥3,000");
        assertThat(KioskRig.balanceOn(kiosk.emoneyCard)).as("charged exactly once").isEqualTo(3_000);
        assertThat(kiosk.servers.available(DemoCards.EMONEY_CARD.cardNumber())).isZero();
        assertThat(kiosk.billed(DemoCards.CREDIT_CARD.cardNumber())).hasSize(1);
    }

    @Test
    void anArmedFaultCanBeTakenBack() {
        robot.clickOn("#panel-remove-during-write");
        assertThat(robot.text("#panel-fault")).isEqualTo("Armed: the card leaves before the next write reaches it.");
        robot.clickOn("#panel-disarm");
        assertThat(robot.text("#panel-fault")).isEqualTo("Nothing armed.");
        assertThat(robot.disabled("#panel-disarm")).isTrue();
    }

    static {
        Locale.setDefault(Locale.US);
    }
}

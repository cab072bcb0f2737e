package com.valuekiosk.kiosk.ui.panel;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.sim.SimulatedCard;
import com.valuekiosk.kiosk.ui.KioskFlows;
import com.valuekiosk.kiosk.ui.KioskRig;
import com.valuekiosk.kiosk.ui.KioskStage;
import com.valuekiosk.kiosk.ui.KioskUi;
import com.valuekiosk.kiosk.ui.Screen;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The usability card panel (R-UT1) beside the kiosk screen: its buttons put the demo cards into the
 * engine's own simulated readers, the kiosk reacts to them, and "remove during write" pulls the e-money
 * card away in the middle of the write of VALUE — the kiosk says so, and "place it again" charges the VALUE
 * exactly once. Everything runs on the FX thread (current-thread executor), so no waiting is needed.
 */
class CardPanelScreensTest {

    @TempDir
    Path directory;
    private KioskRig kiosk;
    private KioskUi ui;
    private CardPanelViewModel panel;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void kioskWithPanel() throws Exception {
        kiosk = new KioskRig(directory);
        // The rig's own credit and e-money card objects, so that the test can read their balances.
        List<PanelCard> cards = kiosk.panelCards();
        Usability shown = KioskStage.show(() -> new Usability(
                        new KioskUi(KioskFlows.of(kiosk.engine), KioskRig.currentThread(), kiosk.uiSettings()),
                        new CardPanelViewModel(kiosk.contact, kiosk.contactless, cards, KioskRig.currentThread())),
                usability -> KioskWithPanel.scene(usability.ui(), new CardPanel(usability.panel(), usability.ui().messages())));
        ui = shown.ui();
        panel = shown.panel();
        robot.clickOn("#lang-en");
    }

    private record Usability(KioskUi ui, CardPanelViewModel panel) {
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        if (kiosk != null) {
            kiosk.close();
        }
    }

    @Test
    void thePanelInsertsTapsAndRemovesCardsAndTheKioskSeesThem() {
        assertThat(text("#panel-contact-holds")).isEqualTo("Contact reader: empty");
        assertThat(visible("#panel-phone-insert")).as("a phone has no contacts").isFalse();
        assertThat(visible("#panel-credit-tap")).as("an IC credit card has no antenna").isFalse();

        robot.clickOn("#menu-purchase");
        robot.clickOn("#panel-credit-insert");
        assertThat(kiosk.contact.card()).containsSame(kiosk.creditCard);
        assertThat(text("#panel-contact-holds")).isEqualTo("Contact reader: IC credit card");
        assertThat(disabled("#panel-credit-insert")).as("it is in already").isTrue();
        assertThat(disabled("#panel-combo-insert")).as("the slot is taken").isTrue();
        assertThat(text("#card-credit")).isEqualTo("✓ IC credit card inserted");

        robot.clickOn("#panel-emoney-tap");
        assertThat(kiosk.contactless.card()).containsSame(kiosk.emoneyCard);
        assertThat(text("#panel-contactless-holds")).isEqualTo("Contactless reader: E-money card");
        assertThat(disabled("#panel-phone-tap")).as("one card at a time on the pad").isTrue();
        assertThat(text("#card-emoney")).isEqualTo("✓ Electronic money card on the reader");

        robot.clickOn("#panel-credit-remove");
        assertThat(kiosk.contact.card()).isEmpty();
        assertThat(text("#panel-contact-holds")).isEqualTo("Contact reader: empty");
        assertThat(text("#card-credit")).isEqualTo("Insert your IC credit card into the slot.");
        assertThat(disabled("#panel-credit-remove")).isTrue();

        robot.clickOn("#panel-emoney-remove").clickOn("#panel-combo-insert");
        assertThat(kiosk.contact.card().map(SimulatedCard::formFactor)).contains(SimulatedCard.FormFactor.COMBO_CARD);
        assertThat(disabled("#panel-combo-tap")).as("a card is in one reader at a time").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"#panel-remove-during-write", "#panel-remove-before-answer"})
    void aCardPulledAwayDuringTheWriteIsChargedOnceWhenPlacedAgain(String pullAway) throws Exception {
        robot.clickOn("#panel-credit-insert").clickOn("#panel-emoney-tap");
        robot.clickOn("#menu-purchase");
        robot.clickOn("#pin-field");
        for (char digit : DemoCards.PIN.toCharArray()) {
            robot.clickOn("#key-" + digit);
        }
        robot.clickOn("#preset-2000").clickOn("#transmit");
        assertThat(ui.navigator().current()).isEqualTo(Screen.RECEIPT);
        robot.clickOn("#back-to-menu");

        robot.clickOn(pullAway);
        assertThat(text("#panel-fault")).startsWith("Armed:");
        robot.clickOn("#menu-chargeup");
        assertThat(ui.navigator().current()).as("the card on the reader is read at once").isEqualTo(Screen.CONFIRM);
        robot.clickOn("#confirm-yes");

        assertThat(ui.navigator().current()).isEqualTo(Screen.ERROR);
        assertThat(text("#error-what")).isEqualTo("The card was taken away while VALUE was being written to it.");
        assertThat(text("#panel-fault")).isEqualTo("The card was pulled away during the write.");
        assertThat(text("#panel-contactless-holds")).isEqualTo("Contactless reader: empty");
        assertThat(panel.contactlessHoldsProperty().get()).isEmpty();

        robot.clickOn("#panel-emoney-tap");
        assertThat(ui.navigator().current()).as("the error screen waits for its button").isEqualTo(Screen.ERROR);
        robot.clickOn("#error-retry");
        assertThat(ui.navigator().current()).as(text("#error-what")).isEqualTo(Screen.COMPLETED);
        assertThat(text("#completed-balance")).isEqualTo("The balance after charging-up is ¥3,000");
        assertThat(KioskRig.balanceOn(kiosk.emoneyCard)).as("charged exactly once").isEqualTo(3_000);
        assertThat(kiosk.servers.available(DemoCards.EMONEY_CARD.cardNumber())).isZero();
        assertThat(kiosk.billed(DemoCards.CREDIT_CARD.cardNumber())).hasSize(1);
    }

    @Test
    void anArmedFaultCanBeTakenBack() {
        robot.clickOn("#panel-remove-during-write");
        assertThat(text("#panel-fault")).isEqualTo("Armed: the card leaves before the next write reaches it.");
        robot.clickOn("#panel-disarm");
        assertThat(text("#panel-fault")).isEqualTo("Nothing armed.");
        assertThat(disabled("#panel-disarm")).isTrue();
    }

    private String text(String query) {
        return robot.lookup(query).tryQuery().map(node -> ((Labeled) node).getText()).orElse("(no " + query + ")");
    }

    private boolean visible(String query) {
        return robot.lookup(query).query().isVisible();
    }

    private boolean disabled(String query) {
        Node node = robot.lookup(query).query();
        return node.isDisabled();
    }

    static {
        Locale.setDefault(Locale.US);
    }
}

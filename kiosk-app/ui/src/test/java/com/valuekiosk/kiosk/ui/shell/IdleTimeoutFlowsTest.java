package com.valuekiosk.kiosk.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.valuekiosk.card.host.CardProtocol;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.kiosk.flow.FlowListener;
import com.valuekiosk.kiosk.flow.PurchaseFlow;
import com.valuekiosk.kiosk.reader.PinSource;
import com.valuekiosk.kiosk.simulated.SimulatedReader;
import com.valuekiosk.kiosk.ui.ForwardingKioskFlows;
import com.valuekiosk.kiosk.ui.KioskFlows;
import com.valuekiosk.kiosk.ui.KioskRig;
import com.valuekiosk.kiosk.ui.KioskStage;
import com.valuekiosk.kiosk.ui.KioskScreens;
import com.valuekiosk.kiosk.ui.KioskUi;
import com.valuekiosk.kiosk.ui.Screen;
import com.valuekiosk.kiosk.ui.ScreenRobot;
import com.valuekiosk.server.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The idle timeout never leaves a transaction half-way: on the real engine (simulated readers, both servers
 * on loopback), flows on the FX thread, time from a hand-moved clock.
 */
class IdleTimeoutFlowsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration WARNING = Duration.ofSeconds(15);

    @RegisterExtension
    final KioskStage kioskStage = new KioskStage();
    @TempDir
    Path directory;
    private final ScreenRobot robot = new ScreenRobot();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T09:00:00Z"));
    private final AtomicReference<PurchaseFlow> lastPurchase = new AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicInteger visitsEnded = new java.util.concurrent.atomic.AtomicInteger();
    private KioskRig kiosk;
    private KioskUi ui;
    private KioskScreens screens;
    private IdleTimeout idle;

    @BeforeEach
    void kiosk() throws Exception {
        kiosk = kioskStage.openRig(directory);
        KioskFlows watched = new ForwardingKioskFlows(KioskFlows.of(kiosk.engine)) {
            @Override
            public PurchaseFlow purchase(FlowListener<PurchaseFlow.State> listener) {
                PurchaseFlow flow = super.purchase(listener);
                lastPurchase.set(flow);
                return flow;
            }

            @Override
            public PurchaseFlow purchase(boolean creditOnContactless, FlowListener<PurchaseFlow.State> listener) {
                PurchaseFlow flow = super.purchase(creditOnContactless, listener);
                lastPurchase.set(flow);
                return flow;
            }

            @Override
            public void endVisit() {
                visitsEnded.incrementAndGet();
                super.endVisit();
            }
        };
        ui = kioskStage.show(() -> new KioskUi(screens = new KioskScreens(watched, KioskRig.currentThread(), kiosk.uiSettings())),
                KioskUi::scene,
                (primary, created) -> {
                    idle = new IdleTimeout(created, TIMEOUT, WARNING, clock);
                    idle.install(created, primary.getScene());
                });
        robot.clickOn("#lang-en");
        robot.moveCards(kiosk::placeBothCards);
    }

    @Test
    void aPurchaseBeforeTransmitIsClosedItsCardReleasedAndWhatWasTypedWiped() {
        robot.clickOn("#menu-purchase");
        robot.typePin("9999");
        robot.clickOn("#preset-2000");
        robot.clickOn("#transmit");
        assertThat(robot.text("#error-what")).isEqualTo("The PIN is wrong. Tries left: 2.");
        robot.clickOn("#error-retry");
        assertThat(ui.navigator().current()).isEqualTo(Screen.PURCHASE);
        robot.typePin("12");
        PurchaseFlow kept = lastPurchase.get();
        assertThat(kept.state()).as("kept for the retry, the card session open").isEqualTo(PurchaseFlow.State.READY_FOR_PIN_AND_AMOUNT);

        idleUntilTimeout();

        assertThat(ui.navigator().current()).as("not the menu while the card is in the slot").isEqualTo(Screen.TAKE_CARD);
        idleUntilTimeout();
        assertThat(ui.navigator().current()).as("asked for again, as long as it stays").isEqualTo(Screen.TAKE_CARD);
        robot.takeCreditCardBack(ui, kiosk.contact);
        assertThat(screens.purchase().pinLengthProperty().get()).isZero();
        assertThat(screens.purchase().amountValue().get()).isZero();
        assertThatThrownBy(() -> kept.transmit(PinSource.of(DemoCards.PIN.toCharArray()), 2_000))
                .as("the card session was released").isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");

        robot.moveCards(() -> kiosk.contact.insert(kiosk.creditCard));
        robot.clickOn("#menu-purchase");
        assertThat(robot.text("#amount-field")).as("the last amount is forgotten too").isEmpty();
        robot.typePin(DemoCards.PIN);
        robot.clickOn("#preset-1000");
        robot.clickOn("#transmit");
        assertThat(ui.navigator().current()).as(robot.text("#error-what")).isEqualTo(Screen.RECEIPT);
        assertThat(kiosk.servers.credit(Long.class, "SELECT COUNT(*) FROM billing_records")).isEqualTo(1);
    }

    @Test
    void aTimeoutOnTheConfirmationMeansNoAndThePersonIsToldTheValueIsKept() throws Exception {
        buyAndAskToChargeUp();
        assertThat(ui.navigator().current()).isEqualTo(Screen.CONFIRM);

        idleUntilTimeout();

        assertThat(ui.navigator().current()).isEqualTo(Screen.KEPT_FOR_LATER);
        assertThat(robot.text("#kept-text")).startsWith("¥2,000 stays reserved");
        assertThat(kiosk.servers.available(DemoCards.EMONEY_CARD.cardNumber())).isEqualTo(2_000);

        idleUntilTimeout();
        robot.takeCreditCardBack(ui, kiosk.contact);
    }

    @Test
    void aCardTakenAwayDuringTheWriteKeepsItsScreenUntilItComesBack() throws Exception {
        buyAndAskToChargeUp();
        kiosk.contactless.armFault(SimulatedReader.Fault.LOST_BEFORE_CARD, SimulatedReader.instruction(CardProtocol.INS_CREDIT));
        robot.clickOn("#confirm-yes");
        assertThat(ui.navigator().current()).isEqualTo(Screen.ERROR);
        String removed = robot.text("#error-what");

        for (int minute = 0; minute < 10; minute++) {
            clock.advance(Duration.ofMinutes(1));
            robot.interact(idle::tick);
        }
        assertThat(idle.warningShownProperty().get()).isFalse();
        assertThat(ui.navigator().current()).isEqualTo(Screen.ERROR);
        assertThat(robot.text("#error-what")).isEqualTo(removed);

        robot.interact(() -> kiosk.contactless.tap(KioskRig.CARDS.purseCard(DemoCards.EMONEY_CARD)));
        assertThat(ui.navigator().current()).as("placed again, the write went on without a touch: %s",
                robot.text("#error-what")).isEqualTo(Screen.COMPLETED);
        assertThat(robot.text("#completed-balance")).isEqualTo("The balance after charging-up is ¥3,000");
    }

    @Test
    void aReceiptLeftAloneEndsTheVisitAndReleasesTheEmoneyCardsSession() {
        robot.clickOn("#menu-purchase");
        robot.typePin(DemoCards.PIN);
        robot.clickOn("#preset-1000");
        robot.clickOn("#transmit");
        assertThat(ui.navigator().current()).as(robot.text("#error-what")).isEqualTo(Screen.RECEIPT);
        assertThat(visitsEnded).hasValue(0);

        idleUntilTimeout();

        assertThat(visitsEnded).as("the e-money card's session kept for \"Charge up now\" is closed").hasValue(1);
        robot.takeCreditCardBack(ui, kiosk.contact);
    }

    private void buyAndAskToChargeUp() {
        robot.clickOn("#menu-purchase");
        robot.typePin(DemoCards.PIN);
        robot.clickOn("#preset-2000");
        robot.clickOn("#transmit");
        assertThat(ui.navigator().current()).as(robot.text("#error-what")).isEqualTo(Screen.RECEIPT);
        robot.clickOn("#receipt-chargeup");
        assertThat(ui.navigator().current()).as(robot.text("#error-what")).isEqualTo(Screen.CONFIRM);
    }

    /** No input for the timeout, the warning shows, then its countdown runs out. */
    private void idleUntilTimeout() {
        clock.advance(TIMEOUT);
        robot.interact(idle::tick);
        assertThat(idle.warningShownProperty().get()).isTrue();
        assertThat(robot.lookup("#idle-warning").tryQuery()).isPresent();
        clock.advance(WARNING);
        robot.interact(idle::tick);
    }
}

package com.valuekiosk.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.kiosk.flow.BalanceInquiryFlow;
import com.valuekiosk.kiosk.flow.FlowListener;
import com.valuekiosk.kiosk.reader.CardReader;
import com.valuekiosk.kiosk.simulated.SimulatedReader;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The processing screen while a flow command runs off the FX thread, stepped by hand: the worker is a
 * queue this test runs on its own thread, results come back through {@link Platform#runLater}.
 */
class BackgroundWorkScreensTest {

    /** The worker: holds jobs until the test runs them. */
    private static final class SteppingExecutor implements Executor {
        final Queue<Runnable> jobs = new ArrayDeque<>();

        @Override
        public synchronized void execute(Runnable job) {
            jobs.add(job);
        }

        synchronized Runnable next() {
            return jobs.remove();
        }
    }

    @RegisterExtension
    final KioskStage kioskStage = new KioskStage();
    @TempDir
    Path directory;
    private final SteppingExecutor worker = new SteppingExecutor();
    private final SimulatedReader contactless = SimulatedReader.contactless();
    private final ScreenRobot robot = new ScreenRobot();
    private KioskUi ui;
    private KioskScreens screens;

    @BeforeEach
    void kiosk() throws Exception {
        KioskFlows balanceOnly = new NoFlows() {
            @Override
            public BalanceInquiryFlow balanceInquiry(FlowListener<BalanceInquiryFlow.State> listener) {
                return new BalanceInquiryFlow(contactless, listener);
            }

            @Override
            public Optional<CardReader> contactlessReader() {
                return Optional.of(contactless);
            }
        };
        UiSettings settings = new UiSettings(KioskRig.SETTINGS.sale().withZone(java.time.ZoneOffset.UTC), directory,
                Messages.ENGLISH);
        ui = kioskStage.show(() -> new KioskUi(screens = new KioskScreens(balanceOnly, new BackgroundWork(worker), settings)));
    }

    @Test
    void theProcessingScreenShowsWhileTheCardIsReadAndTheResultArrivesOnTheFxThread() {
        contactless.tap(KioskRig.CARDS.purseCard(com.valuekiosk.card.host.DemoCards.EMONEY_CARD));
        WaitForAsyncUtils.waitForFxEvents(); // the card event reaches the screens through Platform.runLater
        assertThat(screens.cards().isContactlessPresent()).isTrue();
        robot.clickOn("#menu-balance");
        assertThat(ui.navigator().current()).as("the card already there is read at once").isEqualTo(Screen.PROCESSING);
        assertThat(robot.text("#processing-text")).isEqualTo("Reading your card…");
        assertThat(worker.jobs).hasSize(1);

        worker.next().run(); // on this test thread, not the FX thread
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ui.navigator().current()).isEqualTo(Screen.BALANCE);
        assertThat(robot.text("#balance-amount")).isEqualTo("Balance: ¥1,000");
        assertThat(robot.text("#balance-card")).isEqualTo("Card **** **** **** 0017");

        robot.clickOn("#back-to-menu");
        assertThat(screens.balance().balanceProperty().get()).as("the next person sees nothing of this card").isNull();
    }

    @Test
    void withoutACardTheBalanceScreenWaitsAndReadsTheCardWhenItIsTapped() {
        robot.clickOn("#menu-balance");
        assertThat(ui.navigator().current()).isEqualTo(Screen.BALANCE);
        assertThat(robot.text("#balance-instruction")).isEqualTo("Please place your electronic money card on the reader.");
        assertThat(worker.jobs).as("nothing is read without a card").isEmpty();

        // The tap comes from the reader's thread (here: this test thread), as with a PC/SC reader.
        contactless.tap(KioskRig.CARDS.purseCard(com.valuekiosk.card.host.DemoCards.EMONEY_CARD));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ui.navigator().current()).isEqualTo(Screen.PROCESSING);
        worker.next().run();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ui.navigator().current()).isEqualTo(Screen.BALANCE);
        assertThat(robot.text("#balance-amount")).isEqualTo("Balance: ¥1,000");
        assertThat(robot.visible("#balance-instruction")).isFalse();
    }
}

package com.valuekiosk.kiosk.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.valuekiosk.kiosk.ui.BackgroundWork;
import com.valuekiosk.kiosk.ui.KioskScreens;
import com.valuekiosk.kiosk.ui.KioskUi;
import com.valuekiosk.kiosk.ui.Messages;
import com.valuekiosk.kiosk.ui.NoFlows;
import com.valuekiosk.kiosk.ui.Screen;
import com.valuekiosk.kiosk.ui.UiSettings;
import com.valuekiosk.kiosk.ui.audio.GuidanceSpeaker;
import com.valuekiosk.server.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the next person finds: after an idle timeout the kiosk is back as the site set it up (language, theme,
 * guidance), and a home terminal's menu offers no purchase. No flow runs here, so no servers are needed.
 */
class NextPersonTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path directory;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void anIdleTimeoutForgetsTheLastPersonsLanguageThemeAndMute() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        GuidanceSpeaker speaker = GuidanceSpeaker.silent();
        KioskScreens screens = onFx(() -> new KioskScreens(new NoFlows(), new BackgroundWork(Runnable::run, Runnable::run),
                UiSettings.yen(directory)));
        KioskUi ui = onFx(() -> new KioskUi(screens, speaker));
        IdleTimeout idle = onFx(() -> new IdleTimeout(ui, TIMEOUT, IdleTimeout.WARNING, clock));
        onFx(() -> {
            screens.menu().purchase();
            ui.messages().setLocale(Messages.ENGLISH);
            ui.highContrastProperty().set(true);
            speaker.setMuted(true);
            return null;
        });

        clock.advance(TIMEOUT.plus(IdleTimeout.WARNING).plusSeconds(1));
        onFx(() -> {
            idle.tick();
            return null;
        });

        assertThat(ui.navigator().current()).isEqualTo(Screen.MENU);
        assertThat(ui.messages().locale()).as("the site's language, Japanese").isEqualTo(Messages.JAPANESE);
        assertThat(ui.highContrastProperty().get()).isFalse();
        assertThat(speaker.muted()).isFalse();
    }

    @Test
    void aHomeTerminalsMenuHasNoPurchase() throws Exception {
        KioskScreens homeScreens = onFx(() -> new KioskScreens(new HomeTerminalFlows(),
                new BackgroundWork(Runnable::run, Runnable::run), UiSettings.yen(directory)));
        KioskUi home = onFx(() -> new KioskUi(homeScreens));
        KioskUi kiosk = onFx(() -> new KioskUi(new NoFlows(), new BackgroundWork(Runnable::run, Runnable::run),
                UiSettings.yen(directory)));

        assertThat(home.root().lookup("#menu-purchase")).isNull();
        assertThat(home.root().lookup("#menu-chargeup")).isNotNull();
        assertThat(home.root().lookup("#menu-balance")).isNotNull();
        assertThat(kiosk.root().lookup("#menu-purchase")).isNotNull();
        assertThatThrownBy(() -> onFx(() -> {
            homeScreens.menu().purchase();
            return null;
        })).hasRootCauseMessage("a home terminal sells no VALUE");
    }

    /** A home terminal's flows (R-KI6): no VALUE for sale. */
    private static final class HomeTerminalFlows extends NoFlows {
        @Override
        public boolean sellsValue() {
            return false;
        }
    }

    private static <T> T onFx(Callable<T> step) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        FxToolkit.setupFixture(() -> {
            try {
                result.set(step.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        return result.get();
    }
}

package com.valuekiosk.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.kiosk.flow.FlowError;
import com.valuekiosk.kiosk.flow.FlowFailure;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The kiosk starts on the menu with only the menu's nodes built (issue #16: building every screen up front held
 * the menu up at start-up); a screen is built the first time it is shown, once, and shows its view model's state.
 */
class LazyViewsTest {

    @TempDir
    Path directory;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void onlyTheMenuIsBuiltAtStartAndAScreenIsBuiltOnceWhenFirstShown() throws Exception {
        KioskScreens screens = onFx(() -> new KioskScreens(new NoFlows(), new BackgroundWork(Runnable::run, Runnable::run),
                UiSettings.yen(directory)));
        KioskUi ui = onFx(() -> new KioskUi(screens));
        assertThat(onFx(screens::builtViews)).containsExactly(Screen.MENU);
        assertThat(ui.root().lookup("#menu-purchase")).isNotNull();

        Parent purchase = onFx(() -> {
            screens.navigator().navigate(Screen.PURCHASE);
            return (Parent) ui.root().lookup("#screen-purchase");
        });
        assertThat(purchase).as("built when shown, with its id").isNotNull();
        assertThat(onFx(screens::builtViews)).containsExactlyInAnyOrder(Screen.MENU, Screen.PURCHASE);

        Parent again = onFx(() -> {
            screens.navigator().navigate(Screen.MENU);
            screens.navigator().navigate(Screen.PURCHASE);
            return (Parent) ui.root().lookup("#screen-purchase");
        });
        assertThat(again).as("the same nodes the second time").isSameAs(purchase);
    }

    @Test
    void aScreenBuiltLateShowsTheStateItsViewModelAlreadyHas() throws Exception {
        KioskScreens screens = onFx(() -> new KioskScreens(new NoFlows(), new BackgroundWork(Runnable::run, Runnable::run),
                UiSettings.yen(directory)));
        KioskUi ui = onFx(() -> new KioskUi(screens));
        Problem declined = Problem.of(FlowFailure.of(FlowError.DECLINED, "declined in this test"), null);
        String shown = onFx(() -> {
            screens.problems().show(declined);
            return ((Labeled) ui.root().lookup("#error-what")).getText();
        });
        assertThat(onFx(() -> screens.navigator().current())).isEqualTo(Screen.ERROR);
        assertThat(shown).isNotBlank().isEqualTo(onFx(() -> screens.messages().get(declined.whatKey(),
                declined.whatArguments().toArray())));
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

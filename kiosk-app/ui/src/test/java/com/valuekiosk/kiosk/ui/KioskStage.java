package com.valuekiosk.kiosk.ui;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * TestFX's primary stage for the screen tests, as a JUnit extension ({@code @RegisterExtension}): registered
 * before each test, emptied after it, and the {@link KioskRig} opened through it closed then, so that no
 * test leaves servers or a window behind. Screens are built on the FX thread and shown undecorated at the
 * origin. The test class's own {@code @AfterEach} methods run before this clean-up.
 */
public final class KioskStage implements BeforeEachCallback, AfterEachCallback {

    private Stage primary;
    private KioskRig rig;

    @Override
    public void beforeEach(ExtensionContext context) throws TimeoutException {
        primary = FxToolkit.registerPrimaryStage();
    }

    @Override
    public void afterEach(ExtensionContext context) throws TimeoutException {
        try {
            FxToolkit.cleanupStages();
        } finally {
            if (rig != null) {
                rig.close();
                rig = null;
            }
        }
    }

    /** The window the screens are shown in. */
    public Stage primary() {
        return Objects.requireNonNull(primary, "registered before each test");
    }

    /** A kiosk on its real parts in {@code directory}, closed after the test. */
    public KioskRig openRig(Path directory) throws Exception {
        rig = new KioskRig(directory);
        return rig;
    }

    public KioskUi show(Supplier<KioskUi> build) throws TimeoutException {
        return show(build, KioskUi::scene);
    }

    public <T> T show(Supplier<T> build, Function<T, Scene> sceneOf) throws TimeoutException {
        return show(build, sceneOf, (stage, shown) -> { });
    }

    /** {@code whenShown} runs on the FX thread right after the stage is shown (idle timeout, kiosk mode). */
    public <T> T show(Supplier<T> build, Function<T, Scene> sceneOf, BiConsumer<Stage, T> whenShown) throws TimeoutException {
        AtomicReference<T> built = new AtomicReference<>();
        FxToolkit.setupStage(stage -> {
            T created = build.get();
            built.set(created);
            if (stage.getStyle() == StageStyle.DECORATED && !stage.isShowing()) {
                stage.initStyle(StageStyle.UNDECORATED);
            }
            stage.setScene(sceneOf.apply(created));
            stage.setX(0);
            stage.setY(0);
            stage.show();
            stage.toFront();
            whenShown.accept(stage, created);
        });
        WaitForAsyncUtils.waitForFxEvents();
        return built.get();
    }
}

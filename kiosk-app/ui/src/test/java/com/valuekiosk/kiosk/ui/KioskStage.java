package com.valuekiosk.kiosk.ui;

import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.stage.StageStyle;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Builds screens on the FX thread and shows them on TestFX's primary stage, undecorated at the origin. */
public final class KioskStage {

    private KioskStage() {
    }

    public static <T> T show(Supplier<T> build, Function<T, Scene> sceneOf) throws TimeoutException {
        AtomicReference<T> built = new AtomicReference<>();
        FxToolkit.setupStage(primary -> {
            T created = build.get();
            built.set(created);
            if (primary.getStyle() == StageStyle.DECORATED && !primary.isShowing()) {
                primary.initStyle(StageStyle.UNDECORATED);
            }
            primary.setScene(sceneOf.apply(created));
            primary.setX(0);
            primary.setY(0);
            primary.show();
            primary.toFront();
        });
        WaitForAsyncUtils.waitForFxEvents();
        return built.get();
    }
}

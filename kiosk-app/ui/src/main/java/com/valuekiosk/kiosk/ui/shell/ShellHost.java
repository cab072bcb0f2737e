package com.valuekiosk.kiosk.ui.shell;

import com.valuekiosk.kiosk.ui.BackgroundWork;
import com.valuekiosk.kiosk.ui.Messages;
import com.valuekiosk.kiosk.ui.Navigator;
import com.valuekiosk.kiosk.ui.UiSettings;
import javafx.scene.Node;
import javafx.scene.Parent;

/**
 * What the shell's parts (idle timeout, kiosk mode and the attendant screen) need from the kiosk's window: its
 * navigation, texts, worker and site settings, the header title the attendant holds, overlays over the screens,
 * and forgetting the last person's choices. The window ({@code KioskUi}) implements it; the shell knows no
 * screen and no window class, and reaches the open transactions only through the {@link Navigator}.
 */
public interface ShellHost {

    Navigator navigator();

    Messages messages();

    BackgroundWork background();

    UiSettings settings();

    /** The header title, where the attendant's gesture is recognised. */
    Node headerTitle();

    /** Lays {@code root} over the screens (which take no input meanwhile); keys go to {@code keys}. */
    void showOverlay(Parent root, KeyboardTarget keys);

    void hideOverlay(Parent root);

    /** Language, theme and muted guidance back to the site's, for the next person. */
    void forgetPersonalChoices();
}

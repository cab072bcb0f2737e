package com.valuekiosk.kiosk.ui.receipt;

import com.valuekiosk.kiosk.flow.Receipt;
import com.valuekiosk.kiosk.ui.BackgroundWork;
import com.valuekiosk.kiosk.ui.Keys;
import com.valuekiosk.kiosk.ui.Messages;
import com.valuekiosk.kiosk.ui.Navigator;
import com.valuekiosk.kiosk.ui.Resettable;
import com.valuekiosk.kiosk.ui.Screen;
import com.valuekiosk.kiosk.ui.UiSettings;
import com.valuekiosk.kiosk.ui.chargeup.ChargeUpProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receipt of an approved purchase (R-KI7): its text in the chosen language, "Save receipt" to the
 * site's receipt directory, and "Charge up now" (the e-money card is still on the reader).
 * Printing is not here yet.
 */
public final class ReceiptViewModel implements Resettable {

    private static final Logger log = LoggerFactory.getLogger(ReceiptViewModel.class);

    private final Messages messages;
    private final UiSettings settings;
    private final BackgroundWork background;
    private final Navigator navigator;
    private final ChargeUpProcess chargeUp;
    private final ReadOnlyObjectWrapper<Receipt> receipt = new ReadOnlyObjectWrapper<>(this, "receipt");
    private final ReadOnlyStringWrapper statusKey = new ReadOnlyStringWrapper(this, "statusKey");
    private final ReadOnlyStringWrapper savedAs = new ReadOnlyStringWrapper(this, "savedAs", "");

    public ReceiptViewModel(Messages messages, UiSettings settings, BackgroundWork background, Navigator navigator,
                            ChargeUpProcess chargeUp) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.background = Objects.requireNonNull(background, "background");
        this.navigator = Objects.requireNonNull(navigator, "navigator");
        this.chargeUp = Objects.requireNonNull(chargeUp, "chargeUp");
    }

    public void show(Receipt approved) {
        receipt.set(Objects.requireNonNull(approved));
        statusKey.set(null);
        navigator.navigate(Screen.RECEIPT);
    }

    /** The receipt as the printer or file gets it, in the language shown. */
    public String text(Locale locale) {
        Receipt shown = receipt.get();
        return shown == null ? "" : shown.toText(locale, settings.zone());
    }

    public void save() {
        Receipt shown = receipt.get();
        if (shown == null) {
            return;
        }
        Locale locale = messages.locale();
        Path file = settings.receiptDirectory().resolve("receipt-" + shown.purchaseId() + ".txt");
        background.wrap(() -> {
            Files.createDirectories(settings.receiptDirectory());
            shown.saveTo(file, locale, settings.zone());
            return file;
        }).onSuccess(saved -> {
            savedAs.set(saved.getFileName().toString());
            statusKey.set(Keys.RECEIPT_SAVED);
        }).onFailure(e -> {
            log.error("saving receipt of purchase {} failed", shown.purchaseId(), e);
            statusKey.set(Keys.RECEIPT_SAVE_FAILED);
        }).start();
    }

    public void chargeUpNow() {
        chargeUp.readCard();
    }

    public void backToMenu() {
        navigator.navigate(Screen.MENU);
    }

    public ReadOnlyObjectProperty<Receipt> receiptProperty() {
        return receipt.getReadOnlyProperty();
    }

    /** Null until "Save receipt": then {@link Keys#RECEIPT_SAVED} or {@link Keys#RECEIPT_SAVE_FAILED}. */
    public ReadOnlyStringProperty statusKeyProperty() {
        return statusKey.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty savedAsProperty() {
        return savedAs.getReadOnlyProperty();
    }

    @Override
    public void reset() {
        // The next person must not see this receipt.
        receipt.set(null);
        statusKey.set(null);
        savedAs.set("");
    }
}

package com.valuekiosk.kiosk.ui.receipt;

import com.valuekiosk.kiosk.flow.Receipt;
import com.valuekiosk.kiosk.ui.BackgroundWork;
import com.valuekiosk.kiosk.ui.Keys;
import com.valuekiosk.kiosk.ui.Messages;
import com.valuekiosk.kiosk.ui.Navigator;
import com.valuekiosk.kiosk.ui.Resettable;
import com.valuekiosk.kiosk.ui.Screen;
import com.valuekiosk.kiosk.ui.UiSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receipt of an approved purchase (R-KI7): its text in the chosen language ({@link ReceiptText}),
 * "Save receipt" to the site's receipt directory, "Print receipt" when the site has a receipt printer,
 * and "Charge up now" (the e-money card is still on the reader). One status line tells how the last
 * save or print went.
 */
public final class ReceiptViewModel implements Resettable {

    private static final Logger log = LoggerFactory.getLogger(ReceiptViewModel.class);

    private final Messages messages;
    private final UiSettings settings;
    private final BackgroundWork background;
    private final Navigator navigator;
    private final Runnable chargeUpNow;
    private final Optional<ReceiptPrinter> printer;
    private final ReadOnlyObjectWrapper<Receipt> receipt = new ReadOnlyObjectWrapper<>(this, "receipt");
    private final ReadOnlyStringWrapper statusKey = new ReadOnlyStringWrapper(this, "statusKey");
    private final ReadOnlyStringWrapper savedAs = new ReadOnlyStringWrapper(this, "savedAs", "");
    private final ReadOnlyBooleanWrapper printing = new ReadOnlyBooleanWrapper(this, "printing");

    public ReceiptViewModel(Messages messages, UiSettings settings, BackgroundWork background, Navigator navigator,
                            Runnable chargeUpNow, Optional<ReceiptPrinter> printer) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.background = Objects.requireNonNull(background, "background");
        this.navigator = Objects.requireNonNull(navigator, "navigator");
        this.chargeUpNow = Objects.requireNonNull(chargeUpNow, "chargeUpNow");
        this.printer = Objects.requireNonNull(printer, "printer");
    }

    public void show(Receipt approved) {
        receipt.set(Objects.requireNonNull(approved));
        statusKey.set(null);
        navigator.navigate(Screen.RECEIPT);
    }

    /** The receipt as the screen, the file and the printer get it, in {@code locale}. */
    public String text(Locale locale) {
        Receipt shown = receipt.get();
        return shown == null ? "" : ReceiptText.format(shown, locale, settings.zone());
    }

    public void save() {
        Receipt shown = receipt.get();
        if (shown == null) {
            return;
        }
        String text = text(messages.locale());
        Path file = settings.receiptDirectory().resolve("receipt-" + shown.purchaseId() + ".txt");
        background.wrap(() -> {
            Files.createDirectories(settings.receiptDirectory());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        }).onSuccess(saved -> {
            savedAs.set(PurchaseNumber.of(shown.purchaseId()));
            statusKey.set(Keys.RECEIPT_SAVED);
        }).onFailure(e -> {
            log.error("saving receipt of purchase {} failed", shown.purchaseId(), e);
            statusKey.set(Keys.RECEIPT_SAVE_FAILED);
        }).start();
    }

    /** Whether the site has a receipt printer: without one there is no print button. */
    public boolean canPrint() {
        return printer.isPresent();
    }

    /** Prints the receipt in the language shown, in the background; one job at a time. */
    public void print() {
        Receipt shown = receipt.get();
        if (shown == null || printer.isEmpty() || printing.get()) {
            return;
        }
        ReceiptPrinter receiptPrinter = printer.get();
        String text = text(messages.locale());
        printing.set(true);
        statusKey.set(Keys.RECEIPT_PRINTING);
        background.wrap(() -> {
            receiptPrinter.print("receipt-" + shown.purchaseId(), text);
            return shown.purchaseId();
        }).onSuccess(printed -> {
            printing.set(false);
            statusKey.set(Keys.RECEIPT_PRINTED);
        }).onFailure(e -> {
            printing.set(false);
            if (e instanceof PrinterNotFoundException) {
                log.error("printing receipt of purchase {}: {}", shown.purchaseId(), e.getMessage());
                statusKey.set(Keys.RECEIPT_PRINTER_NOT_FOUND);
            } else {
                log.error("printing receipt of purchase {} on \"{}\" failed", shown.purchaseId(),
                        receiptPrinter.printerName(), e);
                statusKey.set(Keys.RECEIPT_PRINT_FAILED);
            }
        }).start();
    }

    /** "Charge up now": the charge-up starts with the card that is on the reader (wired to the charge-up process). */
    public void chargeUpNow() {
        chargeUpNow.run();
    }

    public void backToMenu() {
        navigator.navigate(Screen.MENU);
    }

    public ReadOnlyObjectProperty<Receipt> receiptProperty() {
        return receipt.getReadOnlyProperty();
    }

    /**
     * Null until "Save receipt" or "Print receipt": then {@link Keys#RECEIPT_SAVED}, {@link Keys#RECEIPT_SAVE_FAILED},
     * {@link Keys#RECEIPT_PRINTING}, {@link Keys#RECEIPT_PRINTED}, {@link Keys#RECEIPT_PRINTER_NOT_FOUND} or
     * {@link Keys#RECEIPT_PRINT_FAILED}.
     */
    public ReadOnlyStringProperty statusKeyProperty() {
        return statusKey.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty savedAsProperty() {
        return savedAs.getReadOnlyProperty();
    }

    /** True while a print job is on its way to the printer (the print button waits). */
    public ReadOnlyBooleanProperty printingProperty() {
        return printing.getReadOnlyProperty();
    }

    @Override
    public void reset() {
        // The next person must not see this receipt. A print job already sent finishes on its own.
        receipt.set(null);
        statusKey.set(null);
        savedAs.set("");
    }
}

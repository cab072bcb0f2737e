package com.valuekiosk.kiosk.ui.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.kiosk.flow.SaleSettings;
import com.valuekiosk.kiosk.ui.BackgroundWork;
import com.valuekiosk.kiosk.ui.KioskFlows;
import com.valuekiosk.kiosk.ui.Keys;
import com.valuekiosk.kiosk.ui.Messages;
import com.valuekiosk.kiosk.ui.Navigator;
import com.valuekiosk.kiosk.ui.NoFlows;
import com.valuekiosk.kiosk.ui.Problems;
import com.valuekiosk.kiosk.ui.Progress;
import com.valuekiosk.kiosk.ui.Screen;
import com.valuekiosk.kiosk.ui.UiSettings;
import com.valuekiosk.kiosk.ui.cards.CardPresence;
import com.valuekiosk.kiosk.ui.chargeup.ChargeUpProcess;
import com.valuekiosk.kiosk.ui.receipt.RecordingPrintService.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import javax.print.DocFlavor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The receipt screen's commands: the text in the language shown, save, and print with its result line. */
class ReceiptViewModelTest {

    private static final KioskFlows NO_FLOWS = new NoFlows();

    @TempDir
    Path directory;
    private final Queue<Runnable> worker = new ArrayDeque<>();
    private final BackgroundWork background = new BackgroundWork(worker::add, Runnable::run);
    private final Navigator navigator = new Navigator();
    private final Messages messages = new Messages(Messages.ENGLISH);

    private ReceiptViewModel receiptScreen(Optional<ReceiptPrinter> printer) {
        UiSettings settings = new UiSettings(SaleSettings.yen().withZone(ReceiptTextTest.TOKYO), directory, Messages.ENGLISH);
        ChargeUpProcess chargeUp = new ChargeUpProcess(NO_FLOWS, background, navigator, new Progress(),
                new Problems(navigator), new CardPresence(NO_FLOWS, background));
        ReceiptViewModel model = new ReceiptViewModel(messages, settings, background, navigator, chargeUp::readCard, printer);
        navigator.register(Screen.RECEIPT, model);
        model.show(ReceiptTextTest.RECEIPT);
        return model;
    }

    private void runWorker() {
        while (!worker.isEmpty()) {
            worker.remove().run();
        }
    }

    @Test
    void printSendsTheReceiptInTheLanguageShownInTheBackgroundAndSaysItIsPrinted() {
        RecordingPrintService thermal = new RecordingPrintService("receipt", DocFlavor.INPUT_STREAM.TEXT_PLAIN_UTF_8);
        ReceiptViewModel model = receiptScreen(Optional.of(new ReceiptPrinter("receipt", () -> List.of(thermal))));
        messages.setLocale(Messages.JAPANESE);
        assertThat(model.canPrint()).isTrue();

        model.print();
        assertThat(model.statusKeyProperty().get()).isEqualTo(Keys.RECEIPT_PRINTING);
        assertThat(model.printingProperty().get()).isTrue();
        model.print();
        assertThat(worker).as("one job at a time").hasSize(1);
        assertThat(thermal.jobs).as("not printed on the FX thread").isEmpty();

        runWorker();
        assertThat(model.statusKeyProperty().get()).isEqualTo(Keys.RECEIPT_PRINTED);
        assertThat(model.printingProperty().get()).isFalse();
        assertThat(new String(thermal.jobs.get(0).bytes(), StandardCharsets.UTF_8))
                .isEqualTo(model.text(Messages.JAPANESE)).contains("ご請求額");
    }

    @Test
    void aPrinterNotFoundAndAFailedPrinterEachSayWhatToDo() {
        ReceiptViewModel missing = receiptScreen(Optional.of(new ReceiptPrinter("receipt", List::of)));
        missing.print();
        runWorker();
        assertThat(missing.statusKeyProperty().get()).isEqualTo(Keys.RECEIPT_PRINTER_NOT_FOUND);
        assertThat(messages.get(missing.statusKeyProperty().get())).contains("save the receipt");

        RecordingPrintService offline = new RecordingPrintService("receipt", DocFlavor.INPUT_STREAM.TEXT_PLAIN_UTF_8)
                .endingWith(Outcome.REFUSED);
        ReceiptViewModel failing = receiptScreen(Optional.of(new ReceiptPrinter("receipt", () -> List.of(offline))));
        failing.print();
        runWorker();
        assertThat(failing.statusKeyProperty().get()).isEqualTo(Keys.RECEIPT_PRINT_FAILED);
        assertThat(failing.printingProperty().get()).as("the person may try again").isFalse();
    }

    @Test
    void withoutAPrinterThereIsNothingToPrint() {
        ReceiptViewModel model = receiptScreen(Optional.empty());
        assertThat(model.canPrint()).isFalse();
        model.print();
        assertThat(worker).isEmpty();
        assertThat(model.statusKeyProperty().get()).isNull();
    }

    @Test
    void saveWritesTheReceiptInTheLanguageShown() throws Exception {
        ReceiptViewModel model = receiptScreen(Optional.empty());
        messages.setLocale(Messages.JAPANESE);
        model.save();
        runWorker();
        Path file = directory.resolve("receipt-" + ReceiptTextTest.RECEIPT.purchaseId() + ".txt");
        assertThat(Files.readString(file)).isEqualTo(ReceiptText.format(ReceiptTextTest.RECEIPT, Messages.JAPANESE,
                ReceiptTextTest.TOKYO));
        assertThat(model.statusKeyProperty().get()).isEqualTo(Keys.RECEIPT_SAVED);
        assertThat(model.savedAsProperty().get()).as("what the person is told: the purchase number, not a file")
                .isEqualTo("0B5E-7C1A");
    }
}

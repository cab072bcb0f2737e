package com.valuekiosk.kiosk.ui.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.valuekiosk.kiosk.ui.Messages;
import com.valuekiosk.kiosk.ui.UiSettings;
import com.valuekiosk.kiosk.ui.receipt.RecordingPrintService.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.print.DocFlavor;
import javax.print.PrintException;
import javax.print.PrintService;
import javax.print.StreamPrintService;
import javax.print.StreamPrintServiceFactory;
import javax.print.attribute.standard.JobName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiptPrinterTest {

    private static final String JAPANESE_RECEIPT = ReceiptText.format(ReceiptTextTest.RECEIPT, Messages.JAPANESE,
            ReceiptTextTest.TOKYO);

    @TempDir
    Path directory;

    @Test
    void aTextPrinterGetsTheReceiptAsUtf8PlainText() throws Exception {
        RecordingPrintService thermal = new RecordingPrintService("receipt",
                DocFlavor.INPUT_STREAM.TEXT_PLAIN_UTF_8, DocFlavor.INPUT_STREAM.AUTOSENSE, DocFlavor.SERVICE_FORMATTED.PRINTABLE);
        RecordingPrintService other = new RecordingPrintService("office", DocFlavor.INPUT_STREAM.TEXT_PLAIN_UTF_8);

        new ReceiptPrinter("receipt", () -> List.of(other, thermal)).print("receipt-1", JAPANESE_RECEIPT);

        assertThat(other.jobs).isEmpty();
        assertThat(thermal.jobs).hasSize(1);
        RecordingPrintService.Job job = thermal.jobs.get(0);
        assertThat(job.flavor()).isEqualTo(DocFlavor.INPUT_STREAM.TEXT_PLAIN_UTF_8);
        assertThat(new String(job.bytes(), StandardCharsets.UTF_8)).isEqualTo(JAPANESE_RECEIPT)
                .contains("ご請求額          ¥2,000").contains("**** **** **** 0013");
        assertThat(((JobName) job.request().get(JobName.class)).getValue()).isEqualTo("receipt-1");
    }

    @Test
    void aQueueThatTypesItsDataGetsTheSameBytesAsAutosense() throws Exception {
        RecordingPrintService cups = new RecordingPrintService("receipt", DocFlavor.INPUT_STREAM.AUTOSENSE);

        new ReceiptPrinter("receipt", () -> List.of(cups)).print("receipt-1", JAPANESE_RECEIPT);

        assertThat(cups.jobs.get(0).flavor()).isEqualTo(DocFlavor.INPUT_STREAM.AUTOSENSE);
        assertThat(cups.jobs.get(0).bytes()).isEqualTo(JAPANESE_RECEIPT.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aGraphicsOnlyPrinterGetsAPrintableOfTheSameLines() throws Exception {
        RecordingPrintService graphics = new RecordingPrintService("receipt", DocFlavor.SERVICE_FORMATTED.PRINTABLE);

        new ReceiptPrinter("receipt", () -> List.of(graphics)).print("receipt-1", JAPANESE_RECEIPT);

        RecordingPrintService.Job job = graphics.jobs.get(0);
        assertThat(job.flavor()).isEqualTo(DocFlavor.SERVICE_FORMATTED.PRINTABLE);
        assertThat(((ReceiptPrintable) job.printData()).lines()).containsExactlyElementsOf(JAPANESE_RECEIPT.lines().toList());
    }

    @Test
    void aPrinterNamedButNotThereIsReportedWithTheNamesThatAre() {
        ReceiptPrinter printer = new ReceiptPrinter("receipt", () -> List.of(new RecordingPrintService("office")));

        assertThatThrownBy(() -> printer.print("receipt-1", JAPANESE_RECEIPT))
                .isInstanceOf(PrinterNotFoundException.class).hasMessageContaining("\"receipt\"").hasMessageContaining("office");
    }

    @Test
    void aRefusedJobAJobReportedFailedAndAPrinterThatTakesNeitherTextNorGraphicsFail() {
        RecordingPrintService offline = new RecordingPrintService("receipt", DocFlavor.INPUT_STREAM.TEXT_PLAIN_UTF_8)
                .endingWith(Outcome.REFUSED);
        assertThatThrownBy(() -> new ReceiptPrinter("receipt", () -> List.of(offline)).print("r", JAPANESE_RECEIPT))
                .isInstanceOf(PrintException.class).hasMessageContaining("offline");

        RecordingPrintService jammed = new RecordingPrintService("receipt", DocFlavor.INPUT_STREAM.TEXT_PLAIN_UTF_8)
                .endingWith(Outcome.REPORTED_FAILED);
        assertThatThrownBy(() -> new ReceiptPrinter("receipt", () -> List.of(jammed)).print("r", JAPANESE_RECEIPT))
                .isInstanceOf(PrintException.class).hasMessageContaining("failed");

        RecordingPrintService pdfOnly = new RecordingPrintService("receipt", DocFlavor.INPUT_STREAM.PDF);
        assertThatThrownBy(() -> new ReceiptPrinter("receipt", () -> List.of(pdfOnly)).print("r", JAPANESE_RECEIPT))
                .isInstanceOf(PrintException.class).hasMessageContaining("neither plain text nor a Printable");
        assertThat(pdfOnly.jobs).isEmpty();
    }

    @Test
    void theSiteWithoutAPrinterNameHasNoPrinter() {
        UiSettings settings = UiSettings.yen(directory);
        assertThat(ReceiptPrinter.forSite(settings)).isEmpty();
        assertThat(ReceiptPrinter.forSite(settings.withReceiptPrinter("  "))).isEmpty();
        assertThat(ReceiptPrinter.forSite(settings.withReceiptPrinter("receipt"))).get()
                .extracting(ReceiptPrinter::printerName).isEqualTo("receipt");
    }

    /** The real javax.print path: the JDK's PostScript stream service renders the Printable to a file. */
    @Test
    void thePrintableRendersToPostScriptThroughTheJdksStreamPrintService() throws Exception {
        StreamPrintServiceFactory[] factories = StreamPrintServiceFactory.lookupStreamPrintServiceFactories(
                DocFlavor.SERVICE_FORMATTED.PRINTABLE, DocFlavor.BYTE_ARRAY.POSTSCRIPT.getMimeType());
        assertThat(factories).as("the JDK ships a PostScript stream print service").isNotEmpty();
        Path file = directory.resolve("receipt.ps");
        try (OutputStream out = Files.newOutputStream(file)) {
            StreamPrintService postscript = factories[0].getPrintService(out);
            assertThat(postscript.isDocFlavorSupported(DocFlavor.INPUT_STREAM.TEXT_PLAIN_UTF_8)).isFalse();
            List<PrintService> services = List.of(postscript);
            new ReceiptPrinter(postscript.getName(), () -> services).print("receipt-1", JAPANESE_RECEIPT);
            postscript.dispose();
        }
        String postScript = Files.readString(file, StandardCharsets.ISO_8859_1);
        assertThat(postScript).startsWith("%!PS-Adobe").contains("%%Page: 1 1").doesNotContain("%%Page: 2")
                .contains("showpage").contains("%%EOF");

        ByteArrayOutputStream empty = new ByteArrayOutputStream();
        factories[0].getPrintService(empty).dispose();
        assertThat(Files.size(file)).as("more than an empty document: the lines were drawn")
                .isGreaterThan(empty.size() + 1_000L);
    }
}

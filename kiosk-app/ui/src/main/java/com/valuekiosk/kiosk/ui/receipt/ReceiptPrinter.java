package com.valuekiosk.kiosk.ui.receipt;

import com.valuekiosk.kiosk.ui.UiSettings;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.print.Doc;
import javax.print.DocFlavor;
import javax.print.DocPrintJob;
import javax.print.PrintException;
import javax.print.PrintService;
import javax.print.PrintServiceLookup;
import javax.print.SimpleDoc;
import javax.print.attribute.HashPrintRequestAttributeSet;
import javax.print.attribute.PrintRequestAttributeSet;
import javax.print.attribute.standard.Copies;
import javax.print.attribute.standard.JobName;
import javax.print.event.PrintJobAdapter;
import javax.print.event.PrintJobEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints a receipt (R-KI7) with javax.print on the print service the site names ({@link UiSettings#receiptPrinter()}).
 *
 * <p>What is sent, in this order of preference:
 * <ol>
 * <li>plain UTF-8 text ({@link DocFlavor.INPUT_STREAM#TEXT_PLAIN_UTF_8}): what a CUPS queue or a receipt printer's
 *     text filter prints natively, in the printer's own font and line width, with no rendering on the kiosk;</li>
 * <li>the same bytes as {@link DocFlavor.INPUT_STREAM#AUTOSENSE}, for a CUPS queue that does not list text/plain but
 *     types the data itself;</li>
 * <li>a {@link ReceiptPrintable} (monospace lines drawn by Java2D) for a service that takes only graphics, such as
 *     a PostScript stream or a driver without a text filter.</li>
 * </ol>
 * Text first because it is the smallest, fastest and most faithful path on a receipt printer; the Printable is the
 * fallback that works on every service that can print at all.
 *
 * <p>The service is looked up at each print, so a printer plugged in or renamed after start-up is found.
 * {@link #print} blocks until the service has taken the job: call it off the FX thread (BackgroundWork).
 */
public final class ReceiptPrinter {

    private static final Logger log = LoggerFactory.getLogger(ReceiptPrinter.class);

    private final String printerName;
    private final Supplier<? extends Collection<PrintService>> services;

    /** The printer called {@code printerName} among the machine's print services (CUPS on Linux). */
    public ReceiptPrinter(String printerName) {
        this(printerName, () -> Arrays.asList(PrintServiceLookup.lookupPrintServices(null, null)));
    }

    /** The printer called {@code printerName} among {@code services}, asked at every print. */
    public ReceiptPrinter(String printerName, Supplier<? extends Collection<PrintService>> services) {
        this.printerName = Objects.requireNonNull(printerName, "printerName");
        if (printerName.isBlank()) {
            throw new IllegalArgumentException("a receipt printer needs a name");
        }
        this.services = Objects.requireNonNull(services, "services");
    }

    /** The site's receipt printer, or none when the site names none (the receipt screen then shows no print button). */
    public static Optional<ReceiptPrinter> forSite(UiSettings settings) {
        return settings.receiptPrinter().map(ReceiptPrinter::new);
    }

    public String printerName() {
        return printerName;
    }

    /**
     * Sends {@code text} to the printer as one job named {@code jobName}.
     *
     * @throws PrinterNotFoundException when no print service has the configured name
     * @throws PrintException when the service refuses the job or reports it failed
     */
    public void print(String jobName, String text) throws PrinterNotFoundException, PrintException {
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(text, "text");
        PrintService service = find();
        Doc doc = document(service, text);
        DocPrintJob job = service.createPrintJob();
        AtomicReference<String> refused = new AtomicReference<>();
        job.addPrintJobListener(new PrintJobAdapter() {
            @Override
            public void printJobFailed(PrintJobEvent event) {
                refused.set("failed");
            }

            @Override
            public void printJobCanceled(PrintJobEvent event) {
                refused.set("was cancelled");
            }
        });
        PrintRequestAttributeSet request = new HashPrintRequestAttributeSet();
        request.add(new JobName(jobName, Locale.ROOT));
        request.add(new Copies(1));
        job.print(doc, request);
        if (refused.get() != null) {
            throw new PrintException("the job on printer \"" + printerName + "\" " + refused.get());
        }
        log.info("receipt {} sent to printer \"{}\" as {}", jobName, printerName, doc.getDocFlavor());
    }

    private PrintService find() throws PrinterNotFoundException {
        List<String> offered = new ArrayList<>();
        for (PrintService service : services.get()) {
            if (service.getName().equals(printerName)) {
                return service;
            }
            offered.add(service.getName());
        }
        throw new PrinterNotFoundException(printerName, offered);
    }

    private Doc document(PrintService service, String text) throws PrintException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (DocFlavor flavor : List.of(DocFlavor.INPUT_STREAM.TEXT_PLAIN_UTF_8, DocFlavor.INPUT_STREAM.AUTOSENSE)) {
            if (service.isDocFlavorSupported(flavor)) {
                return new SimpleDoc(new ByteArrayInputStream(bytes), flavor, null);
            }
        }
        if (service.isDocFlavorSupported(DocFlavor.SERVICE_FORMATTED.PRINTABLE)) {
            return new SimpleDoc(new ReceiptPrintable(text), DocFlavor.SERVICE_FORMATTED.PRINTABLE, null);
        }
        throw new PrintException("printer \"" + printerName + "\" takes neither plain text nor a Printable; it takes "
                + Arrays.toString(service.getSupportedDocFlavors()));
    }
}

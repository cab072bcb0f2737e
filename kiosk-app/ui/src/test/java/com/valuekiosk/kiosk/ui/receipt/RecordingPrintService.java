package com.valuekiosk.kiosk.ui.receipt;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.print.Doc;
import javax.print.DocFlavor;
import javax.print.DocPrintJob;
import javax.print.PrintException;
import javax.print.PrintService;
import javax.print.ServiceUIFactory;
import javax.print.attribute.Attribute;
import javax.print.attribute.AttributeSet;
import javax.print.attribute.HashPrintJobAttributeSet;
import javax.print.attribute.HashPrintServiceAttributeSet;
import javax.print.attribute.PrintJobAttributeSet;
import javax.print.attribute.PrintRequestAttributeSet;
import javax.print.attribute.PrintServiceAttribute;
import javax.print.attribute.PrintServiceAttributeSet;
import javax.print.event.PrintJobAttributeListener;
import javax.print.event.PrintJobEvent;
import javax.print.event.PrintJobListener;
import javax.print.event.PrintServiceAttributeListener;

/**
 * A print service for tests: takes the flavors it is told, keeps what each job sent (the bytes of a stream,
 * the object of a Printable), and can refuse the job or report it failed, as a real service does.
 */
public final class RecordingPrintService implements PrintService {

    /** How a job ends. */
    public enum Outcome { PRINTED, REFUSED, REPORTED_FAILED }

    public record Job(DocFlavor flavor, byte[] bytes, Object printData, PrintRequestAttributeSet request) {
    }

    private final String name;
    private final Set<DocFlavor> flavors;
    private Outcome outcome = Outcome.PRINTED;
    public final List<Job> jobs = new ArrayList<>();

    public RecordingPrintService(String name, DocFlavor... flavors) {
        this.name = name;
        this.flavors = Set.of(flavors);
    }

    public RecordingPrintService endingWith(Outcome next) {
        outcome = next;
        return this;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public DocPrintJob createPrintJob() {
        return new DocPrintJob() {
            private final List<PrintJobListener> listeners = new ArrayList<>();

            @Override
            public PrintService getPrintService() {
                return RecordingPrintService.this;
            }

            @Override
            public PrintJobAttributeSet getAttributes() {
                return new HashPrintJobAttributeSet();
            }

            @Override
            public void addPrintJobListener(PrintJobListener listener) {
                listeners.add(listener);
            }

            @Override
            public void removePrintJobListener(PrintJobListener listener) {
                listeners.remove(listener);
            }

            @Override
            public void addPrintJobAttributeListener(PrintJobAttributeListener listener, PrintJobAttributeSet attributes) {
            }

            @Override
            public void removePrintJobAttributeListener(PrintJobAttributeListener listener) {
            }

            @Override
            public void print(Doc doc, PrintRequestAttributeSet request) throws PrintException {
                if (outcome == Outcome.REFUSED) {
                    throw new PrintException("printer offline");
                }
                try {
                    byte[] bytes = null;
                    Object data = doc.getPrintData();
                    if (data instanceof InputStream) {
                        try (InputStream in = doc.getStreamForBytes()) {
                            bytes = in.readAllBytes();
                        }
                    }
                    jobs.add(new Job(doc.getDocFlavor(), bytes, data, request));
                } catch (IOException e) {
                    throw new PrintException(e);
                }
                PrintJobEvent event = new PrintJobEvent(this,
                        outcome == Outcome.REPORTED_FAILED ? PrintJobEvent.JOB_FAILED : PrintJobEvent.JOB_COMPLETE);
                for (PrintJobListener listener : listeners) {
                    if (outcome == Outcome.REPORTED_FAILED) {
                        listener.printJobFailed(event);
                    } else {
                        listener.printJobCompleted(event);
                    }
                }
            }
        };
    }

    @Override
    public void addPrintServiceAttributeListener(PrintServiceAttributeListener listener) {
    }

    @Override
    public void removePrintServiceAttributeListener(PrintServiceAttributeListener listener) {
    }

    @Override
    public PrintServiceAttributeSet getAttributes() {
        return new HashPrintServiceAttributeSet();
    }

    @Override
    public <T extends PrintServiceAttribute> T getAttribute(Class<T> category) {
        return null;
    }

    @Override
    public DocFlavor[] getSupportedDocFlavors() {
        return flavors.toArray(DocFlavor[]::new);
    }

    @Override
    public boolean isDocFlavorSupported(DocFlavor flavor) {
        return flavors.contains(flavor);
    }

    @Override
    public Class<?>[] getSupportedAttributeCategories() {
        return new Class<?>[0];
    }

    @Override
    public boolean isAttributeCategorySupported(Class<? extends Attribute> category) {
        return false;
    }

    @Override
    public Object getDefaultAttributeValue(Class<? extends Attribute> category) {
        return null;
    }

    @Override
    public Object getSupportedAttributeValues(Class<? extends Attribute> category, DocFlavor flavor, AttributeSet attributes) {
        return null;
    }

    @Override
    public boolean isAttributeValueSupported(Attribute attribute, DocFlavor flavor, AttributeSet attributes) {
        return false;
    }

    @Override
    public AttributeSet getUnsupportedAttributes(DocFlavor flavor, AttributeSet attributes) {
        return null;
    }

    @Override
    public ServiceUIFactory getServiceUIFactory() {
        return null;
    }
}

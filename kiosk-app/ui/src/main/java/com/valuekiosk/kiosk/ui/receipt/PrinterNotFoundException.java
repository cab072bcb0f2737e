package com.valuekiosk.kiosk.ui.receipt;

import java.util.List;

/** The site names a receipt printer that this machine's print system does not offer (unplugged, renamed, CUPS down). */
public final class PrinterNotFoundException extends Exception {

    private static final long serialVersionUID = 1L;

    public PrinterNotFoundException(String printerName, List<String> offered) {
        super("receipt printer \"" + printerName + "\" not found; the print system offers " + offered);
    }
}

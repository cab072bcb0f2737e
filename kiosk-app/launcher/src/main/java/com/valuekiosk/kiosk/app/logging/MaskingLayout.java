package com.valuekiosk.kiosk.app.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.valuekiosk.card.host.CardNumber;

/**
 * The kiosk's log layout: the usual pattern, then every 16-digit run masked to its last four digits. The
 * engine masks card numbers itself; this is the safety net for text it does not control (a driver's or a
 * library's exception message).
 */
public final class MaskingLayout extends PatternLayout {

    @Override
    public String doLayout(ILoggingEvent event) {
        return CardNumber.maskAll(super.doLayout(event));
    }
}

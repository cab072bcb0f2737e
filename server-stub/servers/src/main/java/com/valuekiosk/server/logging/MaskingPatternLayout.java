package com.valuekiosk.server.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.valuekiosk.card.host.CardNumber;

/**
 * The servers' log layout: the usual pattern, then every 16-digit run masked to its last four
 * digits. Code masks card numbers already (their {@code toString()} does); this is the safety net
 * for what code does not control, such as a driver's exception message quoting a value.
 */
public final class MaskingPatternLayout extends PatternLayout {

    @Override
    public String doLayout(ILoggingEvent event) {
        return CardNumber.maskAll(super.doLayout(event));
    }
}

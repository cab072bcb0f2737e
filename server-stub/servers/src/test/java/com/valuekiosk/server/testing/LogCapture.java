package com.valuekiosk.server.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.valuekiosk.server.logging.MaskingPatternLayout;
import org.slf4j.LoggerFactory;

/**
 * Everything the servers log while it is attached, formatted by the same layout as the real log
 * (message and stack traces), so that tests can read the log output for secrets.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final StringBuffer text = new StringBuffer();
    private final StringBuffer unmasked = new StringBuffer();
    private final MaskingPatternLayout layout = new MaskingPatternLayout();
    private final PatternLayout plain = new PatternLayout();
    private final Logger root;

    public LogCapture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        layout.setContext(context);
        layout.setPattern("%-5level %logger - %msg%n%ex");
        layout.start();
        plain.setContext(context);
        plain.setPattern("%-5level %logger - %msg%n%ex");
        plain.start();
        setContext(context);
        start();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(this);
    }

    @Override
    protected void append(ILoggingEvent event) {
        text.append(layout.doLayout(event));
        unmasked.append(plain.doLayout(event));
    }

    /** The log as written. */
    public String text() {
        return text.toString();
    }

    /** The log as the code wrote it, before the layout's masking: code must not rely on the safety net. */
    public String unmaskedText() {
        return unmasked.toString();
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
    }
}

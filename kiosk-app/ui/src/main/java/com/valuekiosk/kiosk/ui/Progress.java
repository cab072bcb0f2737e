package com.valuekiosk.kiosk.ui;

import com.valuekiosk.kiosk.flow.BalanceInquiryFlow;
import com.valuekiosk.kiosk.flow.ChargeUpFlow;
import com.valuekiosk.kiosk.flow.PurchaseFlow;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What the kiosk is doing while a flow command runs, as the key of its message, chosen from the flow's state.
 * Processes set it (on the FX thread: flow listeners go through {@link BackgroundWork#onFxThread}); the
 * processing screen shows it. FX thread only.
 */
public final class Progress {

    private final ReadOnlyStringWrapper messageKey = new ReadOnlyStringWrapper(this, "messageKey", Keys.PROCESSING_READING_CARD);

    public void show(String key) {
        messageKey.set(key);
    }

    public void show(PurchaseFlow.State state) {
        switch (state) {
            case READING_CREDIT_CARD, READING_EMONEY_CARD -> show(Keys.PROCESSING_READING_CARD);
            case VERIFYING_PIN, AUTHORIZING -> show(Keys.PROCESSING_CHECKING_PIN);
            case CONTACTING_CREDIT_COMPANY -> show(Keys.PROCESSING_CONTACTING_CREDIT);
            default -> {
                // results are other screens
            }
        }
    }

    public void show(ChargeUpFlow.State state) {
        switch (state) {
            case READING_CARD -> show(Keys.PROCESSING_READING_CARD);
            case CHECKING_AVAILABILITY, REQUESTING_CHANGE, CONFIRMING -> show(Keys.PROCESSING_CONTACTING_EMONEY);
            case WRITING_CARD -> show(Keys.PROCESSING_WRITING_CARD);
            default -> {
                // results are other screens
            }
        }
    }

    public void show(BalanceInquiryFlow.State state) {
        if (state == BalanceInquiryFlow.State.READING_CARD) {
            show(Keys.PROCESSING_READING_CARD);
        }
    }

    public ReadOnlyStringProperty messageKeyProperty() {
        return messageKey.getReadOnlyProperty();
    }
}

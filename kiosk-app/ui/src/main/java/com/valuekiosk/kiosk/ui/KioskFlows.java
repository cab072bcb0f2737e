package com.valuekiosk.kiosk.ui;

import com.valuekiosk.kiosk.KioskEngine;
import com.valuekiosk.kiosk.flow.BalanceInquiryFlow;
import com.valuekiosk.kiosk.flow.ChargeUpFlow;
import com.valuekiosk.kiosk.flow.FlowListener;
import com.valuekiosk.kiosk.flow.PurchaseFlow;
import com.valuekiosk.kiosk.reader.HostPinEntry;
import java.util.Objects;

/**
 * The flows the screens start: the engine's public face, narrowed to what the UI needs. The UI types
 * the PIN on its own keypad ({@link HostPinEntry}); the credit card is in the contact reader.
 */
public interface KioskFlows {

    PurchaseFlow purchase(FlowListener<PurchaseFlow.State> listener);

    ChargeUpFlow chargeUp(FlowListener<ChargeUpFlow.State> listener);

    BalanceInquiryFlow balanceInquiry(FlowListener<BalanceInquiryFlow.State> listener);

    static KioskFlows of(KioskEngine engine) {
        Objects.requireNonNull(engine, "engine");
        return new KioskFlows() {
            @Override
            public PurchaseFlow purchase(FlowListener<PurchaseFlow.State> listener) {
                return engine.purchase(false, new HostPinEntry(), listener);
            }

            @Override
            public ChargeUpFlow chargeUp(FlowListener<ChargeUpFlow.State> listener) {
                return engine.chargeUp(listener);
            }

            @Override
            public BalanceInquiryFlow balanceInquiry(FlowListener<BalanceInquiryFlow.State> listener) {
                return engine.balanceInquiry(listener);
            }
        };
    }
}

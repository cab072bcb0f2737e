package com.valuekiosk.kiosk.ui;

import com.valuekiosk.kiosk.flow.BalanceInquiryFlow;
import com.valuekiosk.kiosk.flow.ChargeUpFlow;
import com.valuekiosk.kiosk.flow.FlowListener;
import com.valuekiosk.kiosk.flow.PurchaseFlow;

/**
 * Flows for tests whose screens start none, and no readers: a flow started by mistake fails loudly.
 * Subclass it to give a test the one flow it needs.
 */
public class NoFlows implements KioskFlows {

    @Override
    public PurchaseFlow purchase(FlowListener<PurchaseFlow.State> listener) {
        throw new UnsupportedOperationException("no purchase in this test");
    }

    @Override
    public ChargeUpFlow chargeUp(FlowListener<ChargeUpFlow.State> listener) {
        throw new UnsupportedOperationException("no charge-up in this test");
    }

    @Override
    public BalanceInquiryFlow balanceInquiry(FlowListener<BalanceInquiryFlow.State> listener) {
        throw new UnsupportedOperationException("no balance inquiry in this test");
    }
}

package com.valuekiosk.kiosk.ui;

import com.valuekiosk.kiosk.flow.BalanceInquiryFlow;
import com.valuekiosk.kiosk.flow.ChargeUpFlow;
import com.valuekiosk.kiosk.flow.FlowListener;
import com.valuekiosk.kiosk.flow.PurchaseFlow;
import com.valuekiosk.kiosk.reader.CardReader;
import java.util.Objects;
import java.util.Optional;

/**
 * Flows that pass everything on to other flows; a test overrides only what it watches. It forwards the
 * methods {@link KioskFlows} has defaults for too (the readers, the contactless purchase): a wrapper that
 * forgot them would fall back to "no readers" and its screens would silently see no cards. A method added
 * to KioskFlows belongs here as well.
 */
public class ForwardingKioskFlows implements KioskFlows {

    private final KioskFlows delegate;

    public ForwardingKioskFlows(KioskFlows delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public PurchaseFlow purchase(FlowListener<PurchaseFlow.State> listener) {
        return delegate.purchase(listener);
    }

    @Override
    public PurchaseFlow purchase(boolean creditOnContactless, FlowListener<PurchaseFlow.State> listener) {
        return delegate.purchase(creditOnContactless, listener);
    }

    @Override
    public ChargeUpFlow chargeUp(FlowListener<ChargeUpFlow.State> listener) {
        return delegate.chargeUp(listener);
    }

    @Override
    public BalanceInquiryFlow balanceInquiry(FlowListener<BalanceInquiryFlow.State> listener) {
        return delegate.balanceInquiry(listener);
    }

    @Override
    public void endVisit() {
        delegate.endVisit();
    }

    @Override
    public Optional<CardReader> contactReader() {
        return delegate.contactReader();
    }

    @Override
    public Optional<CardReader> contactlessReader() {
        return delegate.contactlessReader();
    }
}

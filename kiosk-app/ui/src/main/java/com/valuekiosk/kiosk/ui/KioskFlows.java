package com.valuekiosk.kiosk.ui;

import com.valuekiosk.kiosk.KioskEngine;
import com.valuekiosk.kiosk.flow.BalanceInquiryFlow;
import com.valuekiosk.kiosk.flow.ChargeUpFlow;
import com.valuekiosk.kiosk.flow.FlowListener;
import com.valuekiosk.kiosk.flow.PurchaseFlow;
import com.valuekiosk.kiosk.reader.CardReader;
import com.valuekiosk.kiosk.reader.HostPinEntry;
import java.util.Objects;
import java.util.Optional;
import com.valuekiosk.card.host.CardTransportException;
import com.valuekiosk.kiosk.flow.CardIdentity;

/**
 * The flows the screens start and the readers whose card events they follow: the engine's public face,
 * narrowed to what the UI needs. The UI types the PIN on its own keypad ({@link HostPinEntry}).
 *
 * <p>The defaults exist for test doubles that know only FIG. 9B and no readers; {@link #of(KioskEngine)}
 * implements everything.
 */
public interface KioskFlows {

    /** FIG. 9B: the credit card in the contact reader. */
    PurchaseFlow purchase(FlowListener<PurchaseFlow.State> listener);

    ChargeUpFlow chargeUp(FlowListener<ChargeUpFlow.State> listener);

    BalanceInquiryFlow balanceInquiry(FlowListener<BalanceInquiryFlow.State> listener);

    /**
     * A purchase whose credit card is tapped on the contactless reader (FIG. 14A, and the combo card of
     * FIG. 14B) when {@code creditOnContactless}, else {@link #purchase(FlowListener)}.
     */
    default PurchaseFlow purchase(boolean creditOnContactless, FlowListener<PurchaseFlow.State> listener) {
        if (creditOnContactless) {
            throw new UnsupportedOperationException("these flows have no contactless credit card purchase");
        }
        return purchase(listener);
    }

    /**
     * The visit ended (the idle timeout): a card session a flow left open for the next one — the e-money card's,
     * kept from the purchase for its charge-up — is closed. Default: nothing is kept.
     */
    default void endVisit() {
    }

    /** False on a home terminal (R-KI6): it charges up and shows balances, and sells no VALUE. */
    default boolean sellsValue() {
        return true;
    }

    /** The contact reader, whose card events the screens follow; empty when there is none. */
    default Optional<CardReader> contactReader() {
        return Optional.empty();
    }

    /** The contactless reader, whose card events the screens follow; empty only for test doubles. */
    default Optional<CardReader> contactlessReader() {
        return Optional.empty();
    }

    /**
     * Which of our applets the card on the contactless reader carries (SELECT only): how the person pays, found
     * without asking. Empty when there is no such reader. Off the FX thread.
     */
    default Optional<CardIdentity> identifyContactlessCard() throws CardTransportException {
        Optional<CardReader> reader = contactlessReader();
        return reader.isPresent() ? Optional.of(CardIdentity.of(reader.get())) : Optional.empty();
    }

    static KioskFlows of(KioskEngine engine) {
        Objects.requireNonNull(engine, "engine");
        return new KioskFlows() {
            @Override
            public PurchaseFlow purchase(FlowListener<PurchaseFlow.State> listener) {
                return purchase(false, listener);
            }

            @Override
            public PurchaseFlow purchase(boolean creditOnContactless, FlowListener<PurchaseFlow.State> listener) {
                return engine.purchase(creditOnContactless, new HostPinEntry(), listener);
            }

            @Override
            public ChargeUpFlow chargeUp(FlowListener<ChargeUpFlow.State> listener) {
                return engine.chargeUp(listener);
            }

            @Override
            public BalanceInquiryFlow balanceInquiry(FlowListener<BalanceInquiryFlow.State> listener) {
                return engine.balanceInquiry(listener);
            }

            @Override
            public boolean sellsValue() {
                return !engine.isHomeTerminal();
            }

            @Override
            public void endVisit() {
                engine.endVisit();
            }

            @Override
            public Optional<CardReader> contactReader() {
                return engine.contactReader();
            }

            @Override
            public Optional<CardReader> contactlessReader() {
                return Optional.of(engine.contactlessReader());
            }
        };
    }
}

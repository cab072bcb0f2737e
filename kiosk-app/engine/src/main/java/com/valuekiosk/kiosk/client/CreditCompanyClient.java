package com.valuekiosk.kiosk.client;

import com.valuekiosk.wire.ApiPaths;
import com.valuekiosk.wire.PurchaseOutcomeRequest;
import com.valuekiosk.wire.ValuePurchaseRequest;
import com.valuekiosk.wire.ValuePurchaseResponse;
import java.net.URI;
import java.util.Objects;
import java.util.UUID;

/**
 * The kiosk's client of the credit company server: buys VALUE with the credit card (FIG. 7).
 *
 * <p>A purchase is idempotent by its request id: on {@code Unknown} the client has already
 * repeated it with the same bytes; the flow keeps the request (journal) and sends it again later,
 * never a new one for the same card authorisation. A repeat answers the stored approval (its
 * {@code notification} may have moved from PENDING to DELIVERED) or the stored decline.
 * Thread-safe; close it to release its connections and threads.
 */
public final class CreditCompanyClient implements AutoCloseable {

    private final JsonCalls calls;

    public CreditCompanyClient(URI baseUrl, KioskTls tls, ClientSettings settings) {
        this(baseUrl, tls, settings, Sleeper.system());
    }

    public CreditCompanyClient(URI baseUrl, KioskTls tls, ClientSettings settings, Sleeper sleeper) {
        this.calls = new JsonCalls("credit", baseUrl, tls, settings, sleeper);
    }

    /**
     * {@code Success}: the card was billed. {@code Refused}: declined, e.g. {@code QUOTA_EXCEEDED},
     * {@code CRYPTOGRAM_INVALID}, {@code ATC_REPLAYED}. {@code Unknown}: it may have been billed.
     */
    public Outcome<ValuePurchaseResponse> purchase(ValuePurchaseRequest request) {
        Objects.requireNonNull(request, "request");
        return calls.post(ApiPaths.PURCHASES, "request " + request.requestId(), request, ValuePurchaseResponse.class,
                answer -> request.requestId().equals(answer.requestId()) ? null
                        : "the answer is for request " + answer.requestId());
    }

    /**
     * What became of a purchase whose answer never arrived (R-KI5 recovery): {@code Success} with the
     * stored approval, {@code Refused} with the stored decline or with {@code PURCHASE_NOT_MADE} — in
     * that case the server closed the request id, so a copy still on its way can no longer bill.
     * {@code Unknown}: ask again later. Asking is idempotent and retried like a purchase.
     */
    public Outcome<ValuePurchaseResponse> purchaseOutcome(UUID requestId) {
        Objects.requireNonNull(requestId, "requestId");
        return calls.post(ApiPaths.PURCHASE_OUTCOMES, "outcome of request " + requestId, new PurchaseOutcomeRequest(requestId),
                ValuePurchaseResponse.class, answer -> requestId.equals(answer.requestId()) ? null
                        : "the answer is for request " + answer.requestId());
    }

    /** Whether the server answers {@code GET /health} now (one try, no retry), for the kiosk's health report. */
    public Reachability health() {
        return calls.health();
    }

    @Override
    public void close() {
        calls.close();
    }
}

package com.valuekiosk.server.credit.http;

import com.valuekiosk.pki.CertificateRole;
import com.valuekiosk.server.credit.internal.PurchaseService;
import com.valuekiosk.server.http.Reply;
import com.valuekiosk.server.http.Route;
import com.valuekiosk.wire.ApiPaths;
import com.valuekiosk.wire.PurchaseOutcomeRequest;
import com.valuekiosk.wire.ValuePurchaseRequest;
import java.util.List;
import java.util.Set;

/**
 * The credit company server's endpoints (API.md §4): for each, the path, who may call it, the
 * message its body is parsed into, the service call, and the reply the decision becomes.
 */
public final class CreditEndpoints {

    private CreditEndpoints() {
    }

    public static List<Route> routes(PurchaseService purchases) {
        Set<CertificateRole> terminals = Set.of(CertificateRole.TERMINAL);
        return List.of(
                Route.post(ApiPaths.PURCHASES, terminals,
                        call -> Reply.of(purchases.purchase(call.body(ValuePurchaseRequest.class), call.peer()))),
                Route.post(ApiPaths.PURCHASE_OUTCOMES, terminals,
                        call -> Reply.of(purchases.outcome(call.body(PurchaseOutcomeRequest.class), call.peer()))),
                Route.health("credit"));
    }
}

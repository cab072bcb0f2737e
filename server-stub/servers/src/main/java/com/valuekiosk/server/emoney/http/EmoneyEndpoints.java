package com.valuekiosk.server.emoney.http;

import com.valuekiosk.pki.CertificateRole;
import com.valuekiosk.server.emoney.TerminalHealth;
import com.valuekiosk.server.emoney.internal.EmoneyService;
import com.valuekiosk.server.http.Reply;
import com.valuekiosk.server.http.Route;
import com.valuekiosk.server.service.Outcome;
import com.valuekiosk.wire.AmountChangeRequest;
import com.valuekiosk.wire.ApiPaths;
import com.valuekiosk.wire.AvailabilityRequest;
import com.valuekiosk.wire.ChallengeRequest;
import com.valuekiosk.wire.ChargeStatusRequest;
import com.valuekiosk.wire.CompletionRequest;
import com.valuekiosk.wire.PreparationAck;
import com.valuekiosk.wire.PreparationBatch;
import com.valuekiosk.wire.PreparationBatchAnswer;
import com.valuekiosk.wire.PreparationNotice;
import com.valuekiosk.wire.TerminalHealthReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The e-money server's endpoints (API.md §4): for each, the path, who may call it, the message its
 * body is parsed into, the service call, and the reply the decision becomes.
 */
public final class EmoneyEndpoints {

    private EmoneyEndpoints() {
    }

    public static List<Route> routes(EmoneyService service, TerminalHealth terminalHealth) {
        Set<CertificateRole> terminals = Set.of(CertificateRole.TERMINAL);
        return List.of(
                Route.post(ApiPaths.PREPARATIONS, Set.of(CertificateRole.CREDIT_SERVER, CertificateRole.POINTS_SYSTEM),
                        call -> Reply.of(service.prepare(call.body(PreparationNotice.class), call.peer()))),
                Route.post(ApiPaths.PREPARATION_BATCHES, Set.of(CertificateRole.CREDIT_SERVER, CertificateRole.POINTS_SYSTEM),
                        call -> {
                            List<PreparationNotice> notices = call.body(PreparationBatch.class).notices();
                            return Reply.ok(batchAnswer(notices, service.prepareAll(notices, call.peer())));
                        }),
                Route.post(ApiPaths.AVAILABILITY, terminals,
                        call -> Reply.ok(service.availability(call.body(AvailabilityRequest.class)))),
                Route.post(ApiPaths.CHALLENGES, terminals,
                        call -> Reply.ok(service.challenge(call.body(ChallengeRequest.class)))),
                Route.post(ApiPaths.AMOUNT_CHANGES, terminals,
                        call -> Reply.of(service.issueAmountChange(call.body(AmountChangeRequest.class), call.peer()))),
                Route.post(ApiPaths.COMPLETIONS, terminals,
                        call -> Reply.of(service.complete(call.body(CompletionRequest.class), call.peer()))),
                Route.post(ApiPaths.CHARGE_STATUS, terminals,
                        call -> Reply.of(service.status(call.body(ChargeStatusRequest.class), call.peer()))),
                Route.post(ApiPaths.TERMINAL_HEALTH, terminals,
                        call -> Reply.ok(terminalHealth.record(call.peer(), call.body(TerminalHealthReport.class)))),
                Route.health("emoney"));
    }

    /** Each notice's outcome as {@link ApiPaths#PREPARATIONS} would have answered it: status, and ack or error. */
    private static PreparationBatchAnswer batchAnswer(List<PreparationNotice> notices, List<Outcome<PreparationAck>> outcomes) {
        List<PreparationBatchAnswer.Result> results = new ArrayList<>(notices.size());
        for (int i = 0; i < notices.size(); i++) {
            UUID requestId = notices.get(i).requestId();
            results.add(outcomes.get(i) instanceof Outcome.Done<PreparationAck> done
                    ? new PreparationBatchAnswer.Result(requestId, 200, done.value(), null)
                    : declined(requestId, (Outcome.Declined<PreparationAck>) outcomes.get(i)));
        }
        return new PreparationBatchAnswer(results);
    }

    private static PreparationBatchAnswer.Result declined(UUID requestId, Outcome.Declined<PreparationAck> declined) {
        return new PreparationBatchAnswer.Result(requestId, declined.code().httpStatus(), null,
                Reply.errorBody(declined.code(), declined.message()));
    }
}

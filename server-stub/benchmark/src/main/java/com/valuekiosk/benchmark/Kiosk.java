package com.valuekiosk.benchmark;

import com.valuekiosk.card.host.AmountChange;
import com.valuekiosk.card.host.Bytes;
import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.card.host.CardStatusException;
import com.valuekiosk.card.host.CardTransportException;
import com.valuekiosk.card.host.CreditCardApplication;
import com.valuekiosk.card.host.CreditCardProfile;
import com.valuekiosk.card.host.MalformedResponseException;
import com.valuekiosk.card.host.PurchaseAuthorization;
import com.valuekiosk.card.host.PurchaseRequest;
import com.valuekiosk.card.host.PurseApplication;
import com.valuekiosk.card.host.PurseProfile;
import com.valuekiosk.card.host.PurseReceipt;
import com.valuekiosk.card.host.PurseStateProof;
import com.valuekiosk.card.host.TerminalId;
import com.valuekiosk.card.sim.SimulatedCard;
import com.valuekiosk.card.sim.SimulatedCardFactory;
import com.valuekiosk.wire.AmountChangeRequest;
import com.valuekiosk.wire.AmountChangeResponse;
import com.valuekiosk.wire.ApiPaths;
import com.valuekiosk.wire.Availability;
import com.valuekiosk.wire.AvailabilityRequest;
import com.valuekiosk.wire.CardState;
import com.valuekiosk.wire.ChargeStatus;
import com.valuekiosk.wire.CompletionRequest;
import com.valuekiosk.wire.ErrorBody;
import com.valuekiosk.wire.Json;
import com.valuekiosk.wire.TimeOrderedIds;
import com.valuekiosk.wire.ValuePurchaseRequest;
import com.valuekiosk.wire.ValuePurchaseResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * One simulated kiosk, played by one thread: its own terminal certificate, its own HTTPS client,
 * and its own customer — a real credit card and a real purse on jcardsim — who buys VALUE and
 * charges it up again and again. Every answer is checked; a flow that does not end with the
 * card's balance up by exactly the amount and the charge COMPLETED throws {@link FlowFailure}.
 *
 * <p>Not thread-safe: one thread runs the flows; another may read the results after that thread
 * has ended.
 */
final class Kiosk {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final String terminalId;
    private final CardNumber creditCardNumber;
    private final CardNumber purseNumber;
    private final String pin;
    private final SimulatedCard creditChip;
    private final SimulatedCard purseChip;
    private final CountingTransport creditReader;
    private final CountingTransport purseReader;
    private final CreditCardApplication creditCard;
    private final PurseApplication purse;
    private final HttpClient http;
    private final URI creditServer;
    private final URI emoneyServer;
    private final BenchmarkSettings settings;
    private final Currency currency;

    private final Map<Metric, Samples> samples = new EnumMap<>(Metric.class);
    private boolean measuring;
    private long measuredFlows;
    private long measuredRequests;
    private long measuredApdus;
    private long pendingNotices;
    private long flowsWithAvailabilityRetry;
    private long availabilityRetries;
    private long cpuAtStart;
    private long measuredCpuNanos;

    Kiosk(String terminalId, CreditCardProfile creditProfile, PurseProfile purseProfile, SimulatedCardFactory cards,
          SSLContext tls, URI creditServer, URI emoneyServer, BenchmarkSettings settings) {
        this.terminalId = terminalId;
        this.creditCardNumber = creditProfile.cardNumber();
        this.purseNumber = purseProfile.cardNumber();
        this.pin = creditProfile.pin();
        this.currency = purseProfile.currency();
        this.creditChip = cards.creditCard(creditProfile);
        this.purseChip = cards.purseCard(purseProfile);
        this.creditReader = new CountingTransport(creditChip);
        this.purseReader = new CountingTransport(purseChip);
        this.creditCard = new CreditCardApplication(creditReader);
        this.purse = new PurseApplication(purseReader);
        this.http = HttpClient.newBuilder()
                .sslContext(tls)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.creditServer = creditServer;
        this.emoneyServer = emoneyServer;
        this.settings = settings;
        for (Metric metric : Metric.values()) {
            samples.put(metric, new Samples(settings.flows()));
        }
    }

    String terminalId() {
        return terminalId;
    }

    /** From now on flows and requests are timed and counted, and this thread's CPU time. */
    void startMeasuring() {
        measuring = true;
        cpuAtStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** The measured flows are over: the CPU time this thread used since {@link #startMeasuring}. */
    void stopMeasuring() {
        measuredCpuNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuAtStart;
    }

    /** CPU time of the kiosk's own thread during the measured flows (cards, JSON; not its HTTP client's thread). */
    long measuredCpuNanos() {
        return measuredCpuNanos;
    }

    /**
     * One customer at the kiosk: FIG. 7 (the credit card authorises, the credit company server
     * bills and notifies the e-money server) then FIG. 8 (availability, amount change, CREDIT on
     * the purse, completion with the card's receipt). The cards leave the readers at the end.
     */
    void flow() throws FlowFailure {
        long started = System.nanoTime();
        long cardNanos = creditReader.nanos() + purseReader.nanos();
        long apdus = creditReader.apdus() + purseReader.apdus();
        int[] requests = {0};
        try {
            long amount = settings.amount();
            PurchaseAuthorization authorization = authorizeOnCreditCard(amount);
            ValuePurchaseRequest purchase = new ValuePurchaseRequest(TimeOrderedIds.uuid(), creditCardNumber.digits(),
                    purseNumber.digits(), amount, currency.getCurrencyCode(), authorization.atc(),
                    Bytes.hex(authorization.cryptogram()));
            ValuePurchaseResponse billed = post(creditServer, ApiPaths.PURCHASES, purchase, ValuePurchaseResponse.class,
                    Metric.PURCHASE, "purchase", requests);
            require(billed.requestId().equals(purchase.requestId()) && billed.amount() == amount
                    && currency.getCurrencyCode().equals(billed.currency()) && terminalId.equals(billed.terminalId())
                    && billed.notification() != null, "purchase", "the approval does not match the request");
            if (billed.notification() == ValuePurchaseResponse.Notification.PENDING && measuring) {
                pendingNotices++;
            }

            personTouchesChargeUp();
            card("purse", purse::select);
            String challenge = availability(amount, requests);
            CardState before = card("purse", () -> proveCardState(challenge));
            AmountChangeResponse change = post(emoneyServer, ApiPaths.AMOUNT_CHANGES,
                    new AmountChangeRequest(TimeOrderedIds.uuid(), purseNumber.digits(), null, before),
                    AmountChangeResponse.class, Metric.AMOUNT_CHANGE, "amount change", requests);
            require(change.amount() == amount, "amount change",
                    "amount " + change.amount() + ", expected " + amount);
            require(change.sequence() == before.creditSequence(), "amount change",
                    "sequence " + change.sequence() + ", the card is at " + before.creditSequence());
            PurseReceipt receipt = card("purse CREDIT", () -> purse.credit(new AmountChange(purseNumber, change.amount(),
                    change.sequence(), change.chargeId(), Bytes.fromHex(change.mac()))));
            require(receipt.balanceAfter() == before.balance() + amount, "purse CREDIT",
                    "balance " + before.balance() + " became " + receipt.balanceAfter() + ", expected +" + amount);
            require(receipt.nextSequence() == before.creditSequence() + 1, "purse CREDIT",
                    "next sequence " + receipt.nextSequence() + ", expected " + (before.creditSequence() + 1));
            ChargeStatus completed = post(emoneyServer, ApiPaths.COMPLETIONS,
                    new CompletionRequest(TimeOrderedIds.uuid(), change.chargeId(), receipt.balanceAfter(),
                            receipt.nextSequence(), Bytes.hex(receipt.mac())),
                    ChargeStatus.class, Metric.COMPLETION, "completion", requests);
            require(completed.state() == ChargeStatus.State.COMPLETED && completed.chargeId() == change.chargeId()
                    && completed.amount() == amount, "completion", "charge is " + completed.state() + " of "
                    + completed.amount() + ", expected COMPLETED of " + amount);
        } finally {
            // The customer takes both cards away: the next flow starts from a fresh power-up.
            creditChip.powerOff();
            purseChip.powerOff();
        }
        if (measuring) {
            samples.get(Metric.FLOW).add(System.nanoTime() - started);
            samples.get(Metric.CARD).add(creditReader.nanos() + purseReader.nanos() - cardNanos);
            measuredFlows++;
            measuredRequests += requests[0];
            measuredApdus += creditReader.apdus() + purseReader.apdus() - apdus;
        }
    }

    /** The person reads the purchase's answer and touches "Charge up now" ({@code --charge-after-ms}). */
    private void personTouchesChargeUp() throws FlowFailure {
        if (settings.chargeAfter().isZero()) {
            return;
        }
        try {
            Thread.sleep(settings.chargeAfter().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlowFailure("charge-up", "interrupted");
        }
    }

    private PurchaseAuthorization authorizeOnCreditCard(long amount) throws FlowFailure {
        PurchaseRequest request = new PurchaseRequest(amount, currency, purseNumber, new TerminalId(terminalId));
        return card("credit card", () -> {
            creditCard.select();
            char[] typed = pin.toCharArray();
            try {
                creditCard.verifyPin(typed);
            } finally {
                Arrays.fill(typed, '\0');
            }
            return creditCard.authorizePurchase(request);
        });
    }

    /**
     * What the e-money server has for the card; asked again while the notice is on its way. Returns
     * the last answer's challenge for the card's PROVE STATE.
     */
    private String availability(long amount, int[] requests) throws FlowFailure {
        for (int attempt = 1; ; attempt++) {
            Availability available = post(emoneyServer, ApiPaths.AVAILABILITY,
                    new AvailabilityRequest(purseNumber.digits(), null), Availability.class, Metric.AVAILABILITY,
                    "availability", requests);
            require(currency.getCurrencyCode().equals(available.currency()), "availability",
                    "currency " + available.currency());
            if (available.total() >= amount) {
                if (attempt > 1 && measuring) {
                    flowsWithAvailabilityRetry++;
                    availabilityRetries += attempt - 1;
                }
                return available.challenge();
            }
            if (attempt >= settings.availabilityAttempts()) {
                throw new FlowFailure("availability", "total " + available.total() + " after " + attempt
                        + " attempts, expected at least " + amount);
            }
            try {
                Thread.sleep(settings.availabilityPause().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FlowFailure("availability", "interrupted");
            }
        }
    }

    /** The purse's state as the card proves it under the e-money server's challenge (PROVE STATE). */
    private CardState proveCardState(String challenge) throws CardTransportException, CardStatusException {
        PurseStateProof proof = purse.proveState(Bytes.fromHex(challenge));
        return new CardState(proof.data().creditSequence(), proof.data().balance(), List.of(), challenge, Bytes.hex(proof.mac()));
    }

    /** The purse's balance now (after the run, for the money check). */
    long readBalance() throws FlowFailure {
        try {
            return card("purse", () -> {
                purse.select();
                return purse.readCardData().balance();
            });
        } finally {
            purseChip.powerOff();
        }
    }

    private <T> T post(URI server, String path, Object body, Class<T> answer, Metric metric, String step, int[] requests)
            throws FlowFailure {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(server.resolve(path))
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body)))
                    .build();
        } catch (IOException e) {
            throw new FlowFailure(step, "request could not be written: " + e.getClass().getSimpleName(), e);
        }
        HttpResponse<byte[]> response;
        long started = System.nanoTime();
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new FlowFailure(step, "no answer: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlowFailure(step, "interrupted", e);
        } finally {
            requests[0]++;
        }
        if (measuring) {
            samples.get(metric).add(System.nanoTime() - started);
        }
        if (response.statusCode() != 200) {
            throw new FlowFailure(step, "HTTP " + response.statusCode() + " " + errorCode(response.body()));
        }
        try {
            return Json.mapper().readValue(response.body(), answer);
        } catch (IOException e) {
            throw new FlowFailure(step, "HTTP 200 but not a " + answer.getSimpleName(), e);
        }
    }

    private static String errorCode(byte[] body) {
        try {
            return String.valueOf(Json.mapper().readValue(body, ErrorBody.class).code());
        } catch (IOException | RuntimeException e) {
            return "(not an error body)";
        }
    }

    @FunctionalInterface
    private interface CardWork<T> {
        T run() throws CardTransportException, CardStatusException;
    }

    private static <T> T card(String step, CardWork<T> work) throws FlowFailure {
        try {
            return work.run();
        } catch (CardStatusException | CardTransportException | MalformedResponseException e) {
            throw new FlowFailure(step, e.getMessage(), e);
        }
    }

    private static void require(boolean condition, String step, String message) throws FlowFailure {
        if (!condition) {
            throw new FlowFailure(step, message);
        }
    }

    // ---- Results, read after the kiosk's thread has ended ----

    Samples samples(Metric metric) {
        return samples.get(metric);
    }

    long measuredFlows() {
        return measuredFlows;
    }

    long measuredRequests() {
        return measuredRequests;
    }

    long measuredApdus() {
        return measuredApdus;
    }

    long pendingNotices() {
        return pendingNotices;
    }

    long flowsWithAvailabilityRetry() {
        return flowsWithAvailabilityRetry;
    }

    long availabilityRetries() {
        return availabilityRetries;
    }
}

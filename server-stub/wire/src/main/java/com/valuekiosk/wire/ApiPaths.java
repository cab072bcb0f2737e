package com.valuekiosk.wire;

/** Endpoint paths; all take and answer JSON over mutual TLS. */
public final class ApiPaths {

    private ApiPaths() {
    }

    // Credit company server
    /** POST, kiosk: buy VALUE with the credit card ({@link ValuePurchaseRequest}). */
    public static final String PURCHASES = "/v1/purchases";
    /**
     * POST, kiosk: what became of a purchase request whose answer never arrived
     * ({@link PurchaseOutcomeRequest}); an id the server never saw is closed for good.
     */
    public static final String PURCHASE_OUTCOMES = "/v1/purchases/outcome";

    // E-money server
    /** POST, credit company server or points system: prepare VALUE for a card ({@link PreparationNotice}). */
    public static final String PREPARATIONS = "/v1/preparations";
    /**
     * POST, credit company server: several notices at once ({@link PreparationBatch}), each decided as
     * at {@link #PREPARATIONS}, in one transaction ({@link PreparationBatchAnswer}).
     */
    public static final String PREPARATION_BATCHES = "/v1/preparations/batches";
    /** POST, kiosk: what is waiting for a card ({@link AvailabilityRequest}). */
    public static final String AVAILABILITY = "/v1/charges/availability";
    /** POST, kiosk: amount change information for the card ({@link AmountChangeRequest}). */
    public static final String AMOUNT_CHANGES = "/v1/charges";
    /** POST, kiosk: the card's receipt for a charge ({@link CompletionRequest}). */
    public static final String COMPLETIONS = "/v1/charges/completions";
    /** POST, kiosk: resolve an issued charge from what the card reports ({@link ChargeStatusRequest}). */
    public static final String CHARGE_STATUS = "/v1/charges/status";

    /** POST, kiosk: a fresh challenge for the card's PROVE STATE ({@link ChallengeRequest}). */
    public static final String CHALLENGES = "/v1/charges/challenge";

    /** POST, kiosk: how the kiosk stands, its latest report kept per terminal ({@link TerminalHealthReport}). */
    public static final String TERMINAL_HEALTH = "/v1/terminals/health";

    /** GET, anyone with a valid certificate: liveness. */
    public static final String HEALTH = "/health";
}

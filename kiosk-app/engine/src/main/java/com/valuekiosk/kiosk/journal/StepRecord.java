package com.valuekiosk.kiosk.journal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What one step of a transaction records, typed: one record per {@link Step}. Flows write these and
 * recovery reads them; nothing outside this file spells a field name.
 *
 * <p>On disk a step keeps the flat string fields the journal has always written ({@link #fields()},
 * read back by {@link #read}), so journals and archives from before typed steps read the same. Card
 * numbers appear only masked ({@code ************1111}); a fingerprint is a keyed hash of the card number
 * ({@code CardFingerprints}); no PIN, password or key is ever a field.
 */
public sealed interface StepRecord {

    Step step();

    /** The step's fields as the journal file holds them. */
    Map<String, String> fields();

    /**
     * The typed record of a step read from the journal.
     *
     * @throws IllegalArgumentException when a field the step needs is missing or malformed (the message names it)
     */
    static StepRecord read(Step step, Map<String, String> fields) {
        Fields in = new Fields(step, fields);
        return switch (step) {
            case PURCHASE_STARTED -> new PurchaseStarted(in.uuid("requestId"), in.number("amount"), in.text("currency"),
                    in.text("creditCard"), in.text("emoneyCard"), in.text("emoneyFingerprint"));
            case PURCHASE_AUTHORIZED -> new PurchaseAuthorized(in.uuid("requestId"), (int) in.number("atc"));
            case PURCHASE_APPROVED -> new PurchaseApproved(in.uuid("purchaseId"), in.number("amount"),
                    in.optional("notification"), in.optional("settledBy"));
            case PURCHASE_DECLINED -> new PurchaseDeclined(in.text("code"), in.optional("settledBy"));
            case PURCHASE_NOT_MADE -> new PurchaseNotMade(in.text("code"), in.optional("settledBy"));
            case PURCHASE_FAILED -> new PurchaseFailed(in.text("error"));
            case CHARGE_STARTED -> new ChargeStarted(in.uuid("requestId"), in.text("card"), in.text("fingerprint"));
            case CHARGE_ISSUED -> new ChargeIssued(in.number("chargeId"), in.number("amount"), (int) in.number("sequence"),
                    in.text("mac"), in.text("card"), in.text("fingerprint"));
            case CHARGE_WRITING -> new ChargeWriting(in.number("chargeId"));
            case CHARGE_APPLIED -> in.optional("receiptMac") == null
                    ? ChargeApplied.bySequence(in.number("chargeId"), in.number("balanceAfter"))
                    : ChargeApplied.byReceipt(in.number("chargeId"), in.number("balanceAfter"), (int) in.number("nextSequence"),
                            in.text("receiptMac"));
            case CHARGE_COMPLETED -> new ChargeCompleted(in.number("chargeId"), in.optional("settledBy"));
            case CHARGE_CANCELLED -> new ChargeCancelled(in.number("chargeId"), in.optional("settledBy"));
            case CHARGE_KEPT_FOR_LATER -> new ChargeKeptForLater(in.text("card"), in.number("available"));
            case CHARGE_FAILED -> new ChargeFailed(in.text("code"));
            case CHARGE_AWAITING_CARD -> new ChargeAwaitingCard(in.optionalNumber("chargeId"), in.text("reason"));
        };
    }

    // --- VALUE purchase (FIG. 7) ---

    /** The person pressed TRANSMIT: the request id the credit company will know the purchase by. */
    record PurchaseStarted(UUID requestId, long amount, String currency, String maskedCreditCard, String maskedEmoneyCard,
                           String emoneyFingerprint) implements StepRecord {
        public Step step() {
            return Step.PURCHASE_STARTED;
        }

        public Map<String, String> fields() {
            return Fields.of("requestId", requestId, "amount", amount, "currency", currency, "creditCard", maskedCreditCard,
                    "emoneyCard", maskedEmoneyCard, "emoneyFingerprint", emoneyFingerprint);
        }
    }

    /** The card computed its cryptogram over the request: from here the credit company may bill it. */
    record PurchaseAuthorized(UUID requestId, int atc) implements StepRecord {
        public Step step() {
            return Step.PURCHASE_AUTHORIZED;
        }

        public Map<String, String> fields() {
            return Fields.of("requestId", requestId, "atc", atc);
        }
    }

    /** Billed. {@code notification} is the credit company's word on its notice (null when recovery settled it). */
    record PurchaseApproved(UUID purchaseId, long amount, String notification, String settledBy) implements StepRecord {
        public Step step() {
            return Step.PURCHASE_APPROVED;
        }

        public Map<String, String> fields() {
            return Fields.of("purchaseId", purchaseId, "amount", amount, "notification", notification, "settledBy", settledBy);
        }
    }

    /** Declined with the server's error code. */
    record PurchaseDeclined(String code, String settledBy) implements StepRecord {
        public Step step() {
            return Step.PURCHASE_DECLINED;
        }

        public Map<String, String> fields() {
            return Fields.of("code", code, "settledBy", settledBy);
        }
    }

    /** The server confirmed the request id was never used, and closed it: nothing was billed. */
    record PurchaseNotMade(String code, String settledBy) implements StepRecord {
        public Step step() {
            return Step.PURCHASE_NOT_MADE;
        }

        public Map<String, String> fields() {
            return Fields.of("code", code, "settledBy", settledBy);
        }
    }

    /** Ended before the credit company could bill (a wrong PIN, a card taken away, an interruption before sending). */
    record PurchaseFailed(String error) implements StepRecord {
        public Step step() {
            return Step.PURCHASE_FAILED;
        }

        public Map<String, String> fields() {
            return Fields.of("error", error);
        }
    }

    // --- Charge-up (FIG. 8) ---

    /** The request id of the amount change about to be asked for this card. */
    record ChargeStarted(UUID requestId, String maskedCard, String fingerprint) implements StepRecord {
        public Step step() {
            return Step.CHARGE_STARTED;
        }

        public Map<String, String> fields() {
            return Fields.of("requestId", requestId, "card", maskedCard, "fingerprint", fingerprint);
        }
    }

    /** The server's amount change, about to be written to the card: recovery finds it by the card's fingerprint. */
    record ChargeIssued(long chargeId, long amount, int sequence, String mac, String maskedCard, String fingerprint)
            implements StepRecord {
        public Step step() {
            return Step.CHARGE_ISSUED;
        }

        public Map<String, String> fields() {
            return Fields.of("chargeId", chargeId, "amount", amount, "sequence", sequence, "mac", mac, "card", maskedCard,
                    "fingerprint", fingerprint);
        }
    }

    /** CREDIT sent to the card; its answer may not have arrived. */
    record ChargeWriting(long chargeId) implements StepRecord {
        public Step step() {
            return Step.CHARGE_WRITING;
        }

        public Map<String, String> fields() {
            return Fields.of("chargeId", chargeId);
        }
    }

    /**
     * The card applied the change: with its receipt ({@code nextSequence} and {@code receiptMac}, which recovery
     * sends to complete it), or known from its sequence number alone ({@code settledBy}, both null).
     */
    record ChargeApplied(long chargeId, long balanceAfter, Integer nextSequence, String receiptMac, String settledBy)
            implements StepRecord {

        public ChargeApplied {
            if ((nextSequence == null) != (receiptMac == null)) {
                throw new IllegalArgumentException("a card's receipt has both its next sequence and its MAC");
            }
        }

        public static ChargeApplied byReceipt(long chargeId, long balanceAfter, int nextSequence, String receiptMac) {
            return new ChargeApplied(chargeId, balanceAfter, nextSequence, Objects.requireNonNull(receiptMac, "receiptMac"), null);
        }

        public static ChargeApplied bySequence(long chargeId, long balanceAfter) {
            return new ChargeApplied(chargeId, balanceAfter, null, null, "card sequence");
        }

        public boolean hasReceipt() {
            return receiptMac != null;
        }

        public Step step() {
            return Step.CHARGE_APPLIED;
        }

        public Map<String, String> fields() {
            return Fields.of("chargeId", chargeId, "balanceAfter", balanceAfter, "nextSequence", nextSequence,
                    "receiptMac", receiptMac, "settledBy", settledBy);
        }
    }

    /** The server knows the charge is on the card. */
    record ChargeCompleted(long chargeId, String settledBy) implements StepRecord {
        public Step step() {
            return Step.CHARGE_COMPLETED;
        }

        public Map<String, String> fields() {
            return Fields.of("chargeId", chargeId, "settledBy", settledBy);
        }
    }

    /** The server cancelled the charge: the card proved it never applied it; its VALUE waits again. */
    record ChargeCancelled(long chargeId, String settledBy) implements StepRecord {
        public Step step() {
            return Step.CHARGE_CANCELLED;
        }

        public Map<String, String> fields() {
            return Fields.of("chargeId", chargeId, "settledBy", settledBy);
        }
    }

    /** The person chose NO: {@code available} stays on the server. */
    record ChargeKeptForLater(String maskedCard, long available) implements StepRecord {
        public Step step() {
            return Step.CHARGE_KEPT_FOR_LATER;
        }

        public Map<String, String> fields() {
            return Fields.of("card", maskedCard, "available", available);
        }
    }

    /** Nothing was charged: the server's error code, or what went wrong before it answered. */
    record ChargeFailed(String code) implements StepRecord {
        public Step step() {
            return Step.CHARGE_FAILED;
        }

        public Map<String, String> fields() {
            return Fields.of("code", code);
        }
    }

    /** Left for the card's next tap (the change, if any — {@code chargeId} — is safe on the server). */
    record ChargeAwaitingCard(Long chargeId, String reason) implements StepRecord {
        public Step step() {
            return Step.CHARGE_AWAITING_CARD;
        }

        public Map<String, String> fields() {
            return Fields.of("chargeId", chargeId, "reason", reason);
        }
    }

    /** Reading and writing the flat fields; a missing or malformed field names itself and its step. */
    final class Fields {

        private final Step step;
        private final Map<String, String> fields;

        private Fields(Step step, Map<String, String> fields) {
            this.step = Objects.requireNonNull(step, "step");
            this.fields = Objects.requireNonNull(fields, "fields");
        }

        /** Name/value pairs in order; null values are left out. */
        static Map<String, String> of(Object... namesAndValues) {
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                if (namesAndValues[i + 1] != null) {
                    map.put((String) namesAndValues[i], namesAndValues[i + 1].toString());
                }
            }
            return map;
        }

        String text(String name) {
            String value = fields.get(name);
            if (value == null) {
                throw new IllegalArgumentException(step + " entry has no " + name);
            }
            return value;
        }

        String optional(String name) {
            return fields.get(name);
        }

        long number(String name) {
            try {
                return Long.parseLong(text(name));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(step + " entry has a " + name + " that is not a number", e);
            }
        }

        Long optionalNumber(String name) {
            return fields.containsKey(name) ? number(name) : null;
        }

        UUID uuid(String name) {
            try {
                return UUID.fromString(text(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(step + " entry has a " + name + " that is not a UUID", e);
            }
        }
    }
}

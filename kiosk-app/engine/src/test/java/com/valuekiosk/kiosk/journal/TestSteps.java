package com.valuekiosk.kiosk.journal;

import java.util.UUID;

/** Typed steps with plausible values, for tests about the journal's bookkeeping rather than a flow's fields. */
public final class TestSteps {

    private TestSteps() {
    }

    public static StepRecord purchaseStarted() {
        return new StepRecord.PurchaseStarted(UUID.randomUUID(), 1_000, "JPY", "************0013", "************0017", "f0");
    }

    public static StepRecord purchaseApproved() {
        return new StepRecord.PurchaseApproved(UUID.randomUUID(), 1_000, "DELIVERED", null);
    }

    public static StepRecord chargeStarted() {
        return new StepRecord.ChargeStarted(UUID.randomUUID(), "************2222", "f1");
    }

    public static StepRecord chargeIssued(long chargeId, String fingerprint) {
        return new StepRecord.ChargeIssued(chargeId, 500, 1, "0000000000000000", "************2222", fingerprint);
    }
}

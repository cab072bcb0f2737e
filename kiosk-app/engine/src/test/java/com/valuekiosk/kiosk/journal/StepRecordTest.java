package com.valuekiosk.kiosk.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Typed steps: each reads back what it wrote, journals written as flat fields read the same, and a broken entry names its field. */
class StepRecordTest {

    private static final UUID ID = UUID.fromString("0d7c2f59-9f5e-4c49-8b9b-2f0b8d5f9e11");

    /** One record of every step, with every optional field both present and absent somewhere. */
    static final List<StepRecord> EVERY_STEP = List.of(
            new StepRecord.PurchaseStarted(ID, 2_000, "JPY", "************0013", "************0017", "a1b2"),
            new StepRecord.PurchaseAuthorized(ID, 42),
            new StepRecord.PurchaseApproved(ID, 2_000, "DELIVERED", null),
            new StepRecord.PurchaseApproved(ID, 2_000, null, "recovery"),
            new StepRecord.PurchaseDeclined("QUOTA_EXCEEDED", null),
            new StepRecord.PurchaseNotMade("PURCHASE_NOT_MADE", "recovery"),
            new StepRecord.PurchaseFailed("WRONG_PIN"),
            new StepRecord.ChargeStarted(ID, "************0017", "a1b2"),
            new StepRecord.ChargeIssued(7, 2_000, 3, "0102030405060708", "************0017", "a1b2"),
            new StepRecord.ChargeWriting(7),
            StepRecord.ChargeApplied.byReceipt(7, 3_000, 4, "1112131415161718"),
            StepRecord.ChargeApplied.bySequence(7, 3_000),
            new StepRecord.ChargeCompleted(7, null),
            new StepRecord.ChargeCancelled(7, "card proof at next tap"),
            new StepRecord.ChargeKeptForLater("************0017", 2_000),
            new StepRecord.ChargeFailed("NOTHING_TO_CHARGE"),
            new StepRecord.ChargeAwaitingCard(7L, "card full"),
            new StepRecord.ChargeAwaitingCard(null, "amount change outcome unknown"));

    @Test
    void everyStepHasARecordThatReadsBackWhatItWrote() {
        Set<Step> covered = EVERY_STEP.stream().map(StepRecord::step).collect(Collectors.toCollection(() -> EnumSet.noneOf(Step.class)));
        assertThat(covered).containsExactlyInAnyOrder(Step.values());
        for (StepRecord record : EVERY_STEP) {
            assertThat(StepRecord.read(record.step(), record.fields())).isEqualTo(record);
            assertThat(record.fields()).doesNotContainValue("null");
        }
    }

    @Test
    void entriesWrittenAsFlatFieldsBeforeTypedStepsReadTheSame() {
        // As the flows wrote them before: the same names, every value a string.
        JournalEntry applied = new JournalEntry(5, java.time.Instant.EPOCH, ID, Step.CHARGE_APPLIED,
                Map.of("chargeId", "7", "balanceAfter", "3000", "nextSequence", "4", "receiptMac", "1112131415161718"));
        assertThat(applied.details()).isEqualTo(StepRecord.ChargeApplied.byReceipt(7, 3_000, 4, "1112131415161718"));
        JournalEntry bySequence = new JournalEntry(6, java.time.Instant.EPOCH, ID, Step.CHARGE_APPLIED,
                Map.of("chargeId", "7", "balanceAfter", "3000", "settledBy", "card sequence"));
        assertThat(((StepRecord.ChargeApplied) bySequence.details()).hasReceipt()).isFalse();
        JournalEntry started = new JournalEntry(1, java.time.Instant.EPOCH, ID, Step.PURCHASE_STARTED,
                Map.of("requestId", ID.toString(), "amount", "2000", "currency", "JPY", "creditCard", "************0013",
                        "emoneyCard", "************0017", "emoneyFingerprint", "a1b2"));
        assertThat(started.details()).isEqualTo(EVERY_STEP.get(0));
    }

    @Test
    void anEntryKeepsItsFieldsInTheirOrderSoThatWritingItAgainGivesTheSameLine() {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (char key = 'z'; key >= 'a'; key--) {
            fields.put(String.valueOf(key), "v");
        }
        JournalEntry entry = new JournalEntry(1, java.time.Instant.EPOCH, ID, Step.PURCHASE_FAILED, fields);
        assertThat(entry.fields().keySet()).containsExactlyElementsOf(fields.keySet());
        assertThatThrownBy(() -> entry.fields().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aBrokenEntryNamesItsStepAndField() {
        assertThatThrownBy(() -> StepRecord.read(Step.CHARGE_APPLIED, Map.of("chargeId", "7")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("CHARGE_APPLIED entry has no balanceAfter");
        assertThatThrownBy(() -> StepRecord.read(Step.CHARGE_WRITING, Map.of("chargeId", "seven")))
                .hasMessage("CHARGE_WRITING entry has a chargeId that is not a number");
        assertThatThrownBy(() -> StepRecord.read(Step.PURCHASE_AUTHORIZED, Map.of("requestId", "x", "atc", "1")))
                .hasMessage("PURCHASE_AUTHORIZED entry has a requestId that is not a UUID");
        assertThatThrownBy(() -> StepRecord.read(Step.CHARGE_APPLIED, Map.of("chargeId", "7", "balanceAfter", "1",
                "receiptMac", "1112131415161718"))).as("a receipt without its sequence")
                .hasMessage("CHARGE_APPLIED entry has no nextSequence");
    }
}

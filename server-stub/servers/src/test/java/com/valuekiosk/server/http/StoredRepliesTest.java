package com.valuekiosk.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.valuekiosk.server.db.StoredAnswer;
import com.valuekiosk.server.service.Outcome;
import com.valuekiosk.wire.ErrorCode;
import com.valuekiosk.wire.ValuePurchaseResponse;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A stored decision is the reply the client got, and reading it back answers the same bytes again. */
class StoredRepliesTest {

    private final StoredReplies replies = StoredReplies.INSTANCE;

    @Test
    void anApprovalIsStoredAsItsReplyAndReadBackToTheSameBytes() {
        Outcome<ValuePurchaseResponse> approved = Outcome.done(new ValuePurchaseResponse(UUID.randomUUID(), UUID.randomUUID(),
                2_000, "JPY", "**** **** **** 0013", "**** **** **** 0017", "KIOSK001",
                Instant.parse("2026-11-24T10:00:00.123456Z"), ValuePurchaseResponse.Notification.PENDING));

        StoredAnswer stored = replies.store(approved);
        Outcome<ValuePurchaseResponse> read = replies.read(stored, ValuePurchaseResponse.class);

        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.body()).isEqualTo(Reply.of(approved).text());
        assertThat(read).isEqualTo(approved);
        assertThat(Reply.of(read).text()).isEqualTo(stored.body());
        assertThat(replies.store(read)).isEqualTo(stored);
    }

    @Test
    void aDeclineIsStoredWithItsCodesStatusAndAMaskedMessage() {
        Outcome<ValuePurchaseResponse> declined = Outcome.declined(ErrorCode.QUOTA_EXCEEDED,
                "card 4999990000000013 is over its limit");

        StoredAnswer stored = replies.store(declined);
        Outcome<ValuePurchaseResponse> read = replies.read(stored, ValuePurchaseResponse.class);

        assertThat(stored.status()).isEqualTo(402);
        assertThat(stored.body()).doesNotContain("4999990000000013").contains("**** **** **** 0013").contains("QUOTA_EXCEEDED");
        assertThat(read).isEqualTo(Outcome.declined(ErrorCode.QUOTA_EXCEEDED, "card **** **** **** 0013 is over its limit"));
        assertThat(replies.store(read)).isEqualTo(stored);
    }

    @Test
    void aStoredAnswerThatIsNotAReplyIsABugNotADecision() {
        assertThatThrownBy(() -> replies.read(new StoredAnswer(200, "not json"), ValuePurchaseResponse.class))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("HTTP 200");
    }
}

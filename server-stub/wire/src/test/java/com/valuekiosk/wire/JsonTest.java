package com.valuekiosk.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one mapper is strict: whatever does not mean exactly one thing is an error, never a default.
 * A new message gets a round trip here; the servers' HostileInputTest sends the same kinds of
 * hostile bodies over HTTP.
 */
class JsonTest {

    private static final ObjectMapper JSON = Json.mapper();
    private static final String PURCHASE = "{\"requestId\":\"6f1c2b1e-6a43-4e0e-9d52-1f0c8d3b2a10\","
            + "\"cardNumber\":\"4999990000000013\",\"emoneyCardNumber\":\"9999010000000017\",\"amount\":2000,"
            + "\"currency\":\"JPY\",\"atc\":7,\"cryptogram\":\"0102030405060708\"}";

    @Test
    void aPurchaseRequestRoundTrips() throws Exception {
        ValuePurchaseRequest request = JSON.readValue(PURCHASE, ValuePurchaseRequest.class);

        assertThat(request.amount()).isEqualTo(2_000);
        assertThat(JSON.readValue(JSON.writeValueAsString(request), ValuePurchaseRequest.class)).isEqualTo(request);
        assertThat(request.toString()).doesNotContain("4999990000000013").doesNotContain("9999010000000017");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"amount\":2000,|\"amount\":2000,\"discount\":1,",   // unknown field
        "\"amount\":2000,|\"amount\":\"2000\",",              // a string where a number belongs
        "\"amount\":2000,|\"amount\":2000.0,",                // a float where an integer amount belongs
        "\"amount\":2000,|",                                  // a missing number
        "\"amount\":2000,|\"amount\":null,",                  // null for a number
        "\"currency\":\"JPY\"|\"currency\":392",              // a number where a string belongs
        "\"amount\":2000,|\"amount\":-1,",                    // a field check of the message
    })
    void anythingAmbiguousIsRefused(String replacement) {
        String[] fromTo = replacement.split("\\|", -1);
        String body = PURCHASE.replace(fromTo[0], fromTo[1]);
        assertThat(body).isNotEqualTo(PURCHASE);

        assertThatThrownBy(() -> JSON.readValue(body, ValuePurchaseRequest.class)).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void trailingTokensAndNumbersForEnumsAreRefused() {
        assertThatThrownBy(() -> JSON.readValue(PURCHASE + "{}", ValuePurchaseRequest.class))
                .isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> JSON.readValue("{\"code\":0,\"message\":\"x\"}", ErrorBody.class))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void aKeyThatAppearsTwiceIsRefusedWhereverItIs() {
        assertThatThrownBy(() -> JSON.readValue(PURCHASE.replace("\"atc\":7,", "\"atc\":7,\"atc\":8,"), ValuePurchaseRequest.class))
                .isInstanceOf(JsonProcessingException.class).hasMessageContaining("Duplicate field");
        assertThatThrownBy(() -> JSON.readValue(PURCHASE.replace("\"}", "\",\"cryptogram\":\"0102030405060709\"}"),
                ValuePurchaseRequest.class)).isInstanceOf(JsonProcessingException.class).hasMessageContaining("Duplicate field");
        assertThatThrownBy(() -> JSON.readValue(PURCHASE.replace("{\"requestId\"", "{\"amount\":1,\"requestId\""),
                ValuePurchaseRequest.class)).isInstanceOf(JsonProcessingException.class).hasMessageContaining("Duplicate field");
    }

    @Test
    void instantsTravelAsIsoText() throws Exception {
        PreparationAck ack = new PreparationAck(UUID.randomUUID(), UUID.randomUUID(), "****0017", 2_000, "JPY",
                Instant.parse("2026-12-05T21:00:00Z"));

        assertThat(JSON.writeValueAsString(ack)).contains("\"expiresAt\":\"2026-12-05T21:00:00Z\"");
        assertThat(JSON.readValue(JSON.writeValueAsString(ack), PreparationAck.class)).isEqualTo(ack);
    }
}

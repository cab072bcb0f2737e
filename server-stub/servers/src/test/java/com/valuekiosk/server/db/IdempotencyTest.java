package com.valuekiosk.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.pki.CertificateRole;
import com.valuekiosk.pki.PeerIdentity;
import com.valuekiosk.server.http.StoredReplies;
import com.valuekiosk.server.service.Outcome;
import com.valuekiosk.server.service.Refused;
import com.valuekiosk.server.testing.Storage;
import com.valuekiosk.wire.ErrorCode;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Idempotency#onceEach}: several requests in one transaction, each decided as {@link
 * Idempotency#once} decides it alone, on both databases. The work registers an e-money user named
 * after the request.
 */
class IdempotencyTest {

    private static final String ENDPOINT = "/v1/test";
    private static final PeerIdentity CLIENT = new PeerIdentity(CertificateRole.CREDIT_SERVER, "credit-1");

    @TempDir
    Path directory;

    private Idempotency.Effect<String> register(String card, String name) {
        return (connection, tail) -> {
            tail.add("INSERT INTO emoney_users (card_number, user_name, bank_account) VALUES (?, ?, 'JP00TEST')", card, name);
            return Outcome.done(name);
        };
    }

    private Idempotency.Effect<String> decline(String name) {
        return (connection, tail) -> Outcome.declined(ErrorCode.CARD_UNKNOWN, "no card for " + name);
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void eachRequestOfABatchGetsTheAnswerItWouldGetAlone(Storage storage) {
        try (Database database = storage.fresh(directory, "emoney").open("emoney")) {
            Idempotency idempotency = new Idempotency(database, Clock.systemUTC(), StoredReplies.INSTANCE);
            UUID repeated = UUID.randomUUID();
            UUID reused = UUID.randomUUID();
            idempotency.once(repeated, ENDPOINT, CLIENT, "first", String.class, register("9999000000000001", "first"));
            idempotency.once(reused, ENDPOINT, CLIENT, "other", String.class, register("9999000000000002", "other"));
            UUID fresh = UUID.randomUUID();
            UUID declined = UUID.randomUUID();

            List<Idempotency.Answered<String>> answers = idempotency.onceEach(ENDPOINT, CLIENT, String.class, List.of(
                    new Idempotency.Each<>(repeated, "first", register("9999000000000001", "first again")),
                    new Idempotency.Each<>(fresh, "fresh", register("9999000000000003", "fresh")),
                    new Idempotency.Each<>(declined, "declined", decline("declined")),
                    new Idempotency.Each<>(reused, "not other", register("9999000000000004", "not other"))));

            assertThat(answers).extracting(Idempotency.Answered::outcome).containsExactly(Outcome.done("first"),
                    Outcome.done("fresh"), Outcome.declined(ErrorCode.CARD_UNKNOWN, "no card for declined"),
                    Outcome.declined(ErrorCode.REQUEST_ID_REUSED, "request id " + reused + " was already used for a different request"));
            assertThat(answers).extracting(Idempotency.Answered::replayed).containsExactly(true, false, false, false);
            assertThat(users(database)).containsExactly("first", "other", "fresh");

            // Alone or in a batch again: the stored decisions, and nothing of the work stays.
            assertThat(idempotency.once(fresh, ENDPOINT, CLIENT, "fresh", String.class, register("9999000000000005", "x"))
                    .outcome()).isEqualTo(Outcome.done("fresh"));
            assertThat(idempotency.onceEach(ENDPOINT, CLIENT, String.class, List.of(
                    new Idempotency.Each<>(declined, "declined", register("9999000000000006", "y")))))
                    .containsExactly(new Idempotency.Answered<>(Outcome.declined(ErrorCode.CARD_UNKNOWN, "no card for declined"), true));
            assertThat(users(database)).containsExactly("first", "other", "fresh");
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void aRefusalOfOneRequestLeavesTheOthersToBeDecidedOneByOne(Storage storage) {
        try (Database database = storage.fresh(directory, "emoney").open("emoney")) {
            Idempotency idempotency = new Idempotency(database, Clock.systemUTC(), StoredReplies.INSTANCE);
            AtomicInteger refusals = new AtomicInteger();
            Idempotency.Effect<String> refuse = (connection, tail) -> {
                refusals.incrementAndGet();
                throw new Refused(ErrorCode.INVALID_REQUEST, "not this one");
            };
            UUID refused = UUID.randomUUID();

            List<Idempotency.Answered<String>> answers = idempotency.onceEach(ENDPOINT, CLIENT, String.class, List.of(
                    new Idempotency.Each<>(UUID.randomUUID(), "a", register("9999000000000001", "a")),
                    new Idempotency.Each<>(refused, "b", refuse),
                    new Idempotency.Each<>(UUID.randomUUID(), "c", register("9999000000000003", "c"))));

            assertThat(answers).extracting(Idempotency.Answered::outcome).containsExactly(Outcome.done("a"),
                    Outcome.declined(ErrorCode.INVALID_REQUEST, "not this one"), Outcome.done("c"));
            assertThat(answers).extracting(Idempotency.Answered::replayed).containsOnly(false);
            assertThat(users(database)).containsExactly("a", "c");
            assertThat(refusals).as("once in the batch, once alone").hasValue(2);
            // Nothing is stored for a refusal: the same id may still take effect.
            assertThat(idempotency.once(refused, ENDPOINT, CLIENT, "b", String.class, register("9999000000000002", "b"))
                    .outcome()).isEqualTo(Outcome.done("b"));
        }
    }

    private static List<String> users(Database database) {
        return database.inTransaction(connection -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT user_name FROM emoney_users ORDER BY card_number");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        });
    }
}

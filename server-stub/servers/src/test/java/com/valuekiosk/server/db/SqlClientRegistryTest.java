package com.valuekiosk.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.pki.CertificateRole;
import com.valuekiosk.pki.PeerIdentity;
import com.valuekiosk.server.testing.MutableClock;
import com.valuekiosk.server.testing.Storage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clients found active are believed for a few seconds; a deactivation counts after that, a registration at once. */
class SqlClientRegistryTest {

    private static final PeerIdentity KIOSK = new PeerIdentity(CertificateRole.TERMINAL, "KIOSK001");
    private static final PeerIdentity NEWCOMER = new PeerIdentity(CertificateRole.TERMINAL, "KIOSK009");

    @TempDir
    Path directory;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private Database database;
    private SqlClientRegistry registry;

    @BeforeEach
    void open() {
        database = Storage.H2.fresh(directory, "emoney").open("emoney");
        register(KIOSK);
        registry = new SqlClientRegistry(database, clock, SqlClientRegistry.DEFAULT_TTL);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aDeactivatedTerminalIsRefusedOnceItsRememberedAnswerRunsOut() {
        assertThat(registry.isKnown(KIOSK)).isTrue();
        deactivate(KIOSK);

        clock.advance(SqlClientRegistry.DEFAULT_TTL.minusMillis(1));
        assertThat(registry.isKnown(KIOSK)).as("still believed: asked less than the TTL ago").isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(registry.isKnown(KIOSK)).as("asked again after the TTL").isFalse();
        assertThat(registry.isKnown(KIOSK)).isFalse();
    }

    @Test
    void aRefusalIsNotRememberedSoANewRegistrationCountsAtOnce() {
        assertThat(registry.isKnown(NEWCOMER)).isFalse();
        register(NEWCOMER);

        assertThat(registry.isKnown(NEWCOMER)).isTrue();
    }

    @Test
    void withoutATtlEveryQuestionReadsTheTable() {
        SqlClientRegistry uncached = new SqlClientRegistry(database);
        assertThat(uncached.isKnown(KIOSK)).isTrue();
        deactivate(KIOSK);

        assertThat(uncached.isKnown(KIOSK)).isFalse();
    }

    private void register(PeerIdentity peer) {
        database.inTransaction(connection -> {
            SqlClientRegistry.register(connection, peer, "test");
            return null;
        });
    }

    private void deactivate(PeerIdentity peer) {
        database.inTransaction(connection -> {
            try (var update = connection.prepareStatement("UPDATE clients SET active = FALSE WHERE role = ? AND name = ?")) {
                update.setString(1, peer.role().name());
                update.setString(2, peer.name());
                return update.executeUpdate();
            }
        });
    }
}

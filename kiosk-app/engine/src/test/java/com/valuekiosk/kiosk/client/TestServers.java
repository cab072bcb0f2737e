package com.valuekiosk.kiosk.client;

import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.pki.DevPki;
import com.valuekiosk.server.testing.EmoneyFixture;
import com.valuekiosk.server.testing.ServersFixture;
import com.valuekiosk.server.testing.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;

/** Both real servers for the client tests (H2), with the development PKI all tests of this JVM share. */
final class TestServers implements AutoCloseable {

    private final ServersFixture fixture;

    private TestServers(ServersFixture fixture) {
        this.fixture = fixture;
    }

    static TestServers start(Path directory) throws Exception {
        return new TestServers(new ServersFixture(EmoneyFixture.sharedPki(), directory, Storage.H2));
    }

    /**
     * The password of every key store these tests make: the shared test PKI's, random for each test JVM
     * (a well-known password would leave usable CA keys behind).
     */
    static char[] storePassword() {
        try {
            return EmoneyFixture.sharedPki().storePassword();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the shared test PKI", e);
        }
    }

    /** A development PKI with a CA of its own in {@code directory}, with a certificate for {@code terminalId}. */
    static Path createPki(Path directory, String terminalId) {
        DevPki.create(directory, storePassword(), List.of(terminalId));
        return directory;
    }

    URI creditUri() {
        return fixture.creditUri();
    }

    URI emoneyUri() {
        return fixture.emoneyUri();
    }

    int creditPort() {
        return fixture.credit.port();
    }

    Path pkiDirectory() {
        return fixture.pki.directory();
    }

    /** The terminal's key store and our CA's trust store, as the kiosk would load them. */
    KioskTls terminalTls(String terminalId) {
        return terminalTls(pkiDirectory(), pkiDirectory(), terminalId);
    }

    /** A terminal certificate of {@code keyPki}'s CA, trusting only {@code trustPki}'s CA. */
    static KioskTls terminalTls(Path keyPki, Path trustPki, String terminalId) {
        return KioskTls.fromFiles(terminalKeyStore(keyPki, terminalId), storePassword(),
                trustPki.resolve(DevPki.TRUST_STORE));
    }

    static Path terminalKeyStore(Path pki, String terminalId) {
        return pki.resolve("terminal-" + terminalId + ".p12");
    }

    void stopEmoney() throws Exception {
        fixture.stopEmoney();
    }

    /** How many times the credit company server billed a purchase request. */
    long billed(UUID requestId) {
        return fixture.credit(Long.class, "SELECT COUNT(*) FROM billing_records WHERE request_id = ?", requestId.toString());
    }

    /** What the e-money server has prepared for a card without a password. */
    long available(String emoneyCard) {
        return fixture.available(CardNumber.of(emoneyCard));
    }

    int failedPasswordAttempts(String emoneyCard) {
        return fixture.emoney().database().inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT failed_password_attempts FROM emoney_users WHERE card_number = ?")) {
                select.setString(1, emoneyCard);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw new IllegalStateException("no e-money user ****" + emoneyCard.substring(12));
                    }
                    return row.getInt(1);
                }
            }
        });
    }

    @Override
    public void close() throws Exception {
        fixture.close();
    }
}

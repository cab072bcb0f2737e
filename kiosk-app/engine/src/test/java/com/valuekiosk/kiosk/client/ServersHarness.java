package com.valuekiosk.kiosk.client;

import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.pki.DevPki;
import com.valuekiosk.server.testing.EmoneyFixture;
import com.valuekiosk.server.testing.ServersFixture;
import com.valuekiosk.server.testing.Storage;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The real servers ({@link ServersFixture}, H2) as {@link TestServers} drives them, possibly from
 * another class loader: hence only JDK types cross, through {@link BiFunction}. Not for direct use.
 */
public final class ServersHarness implements BiFunction<String, Object[], Object>, AutoCloseable {

    private final ServersFixture fixture;

    /** Both servers with their databases under {@code directory}, and the PKI all harnesses of this JVM share. */
    public ServersHarness(Path directory) throws Exception {
        fixture = new ServersFixture(EmoneyFixture.sharedPki(), directory, Storage.H2);
    }

    /** A development PKI of another CA in {@code directory}, with a certificate for {@code terminalId}. */
    public static void createPki(Path directory, String terminalId) {
        DevPki.create(directory, DevPki.DEFAULT_PASSWORD.toCharArray(), List.of(terminalId));
    }

    @Override
    public Object apply(String command, Object[] arguments) {
        try {
            return switch (command) {
                case "creditUri" -> fixture.creditUri();
                case "emoneyUri" -> fixture.emoneyUri();
                case "creditPort" -> fixture.credit.port();
                case "pkiDirectory" -> fixture.pki.directory();
                case "stopEmoney" -> {
                    fixture.stopEmoney();
                    yield null;
                }
                case "billed" -> fixture.credit(Long.class,
                        "SELECT COUNT(*) FROM billing_records WHERE request_id = ?", arguments[0].toString());
                case "available" -> fixture.available(CardNumber.of((String) arguments[0]));
                case "failedPasswordAttempts" -> failedPasswordAttempts((String) arguments[0]);
                default -> throw new IllegalArgumentException("no command " + command);
            };
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(command + " failed", e);
        }
    }

    private int failedPasswordAttempts(String card) {
        return fixture.emoney().database().inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT failed_password_attempts FROM emoney_users WHERE card_number = ?")) {
                select.setString(1, card);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw new IllegalStateException("no e-money user ****" + card.substring(12));
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

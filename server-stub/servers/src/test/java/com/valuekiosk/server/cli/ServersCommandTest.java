package com.valuekiosk.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.DemoCards;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as an operator uses it, in-process, on a fresh data directory. */
class ServersCommandTest {

    @TempDir
    Path data;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... arguments) {
        CommandLine commandLine = ServersCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] withData = new String[arguments.length + 2];
        System.arraycopy(arguments, 0, withData, 0, arguments.length);
        withData[arguments.length] = "--data-dir";
        withData[arguments.length + 1] = data.toString();
        return commandLine.execute(withData);
    }

    @Test
    void pkiSeedAndTerminalRegistrationPrepareASite() {
        assertThat(run("pki", "--terminal", "KIOSK001,KIOSK002")).isZero();
        assertThat(data.resolve("pki/ca.crt.pem")).exists();
        assertThat(data.resolve("pki/terminal-KIOSK002.p12")).exists();

        assertThat(run("seed-demo")).isZero();
        assertThat(run("register-terminal", "KIOSK003", "--site", "Airport hall B")).isZero();
        assertThat(data.resolve("pki/terminal-KIOSK003.p12")).exists();
        assertThat(Files.exists(data.resolve("credit.mv.db"))).isTrue();
        assertThat(Files.exists(data.resolve("emoney.mv.db"))).isTrue();
    }

    @Test
    void monitorsAreRegisteredAndSilentKiosksAreNamed() {
        assertThat(run("pki", "--terminal", "KIOSK001")).isZero();
        assertThat(run("seed-demo")).isZero();
        assertThat(run("register-monitor", "prometheus")).isZero();
        assertThat(data.resolve("pki/monitor-prometheus.p12")).exists();
        assertThat(run("register-monitor", "-bad name")).as("an invalid name").isNotZero();

        assertThat(run("terminals")).as("a kiosk never heard of needs attention").isEqualTo(3);
        assertThat(out.toString()).contains("KIOSK001 SILENT   never reported", "1 terminals, 1 needing attention");
        assertThat(run("terminals", "--json")).isEqualTo(3);
        assertThat(out.toString()).contains("{\"terminalId\":\"KIOSK001\",\"state\":\"SILENT\"}");
    }

    @Test
    void closeCycleAndStatementWorkOnAnEmptyMonth() {
        assertThat(run("seed-demo")).isZero();
        assertThat(run("close-cycle", "--month", "2026-10")).isZero();
        assertThat(run("close-cycle", "--month", "2026-10")).as("twice").isZero();
        assertThat(run("statement", "--month", "2026-10")).isZero();
        assertThat(run("expire-now")).isZero();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void stuckChargesListsOpenChargesAndSettlesOnlyThoseTheCardProvedItNeverApplied() {
        assertThat(run("seed-demo")).isZero();
        String card = DemoCards.EMONEY_CARD.cardNumber().digits();
        try (com.valuekiosk.server.db.Database emoney = com.valuekiosk.server.db.DatabaseSettings.h2(data.resolve("emoney")).open("emoney")) {
            emoney.inTransaction(connection -> {
                var statement = connection.createStatement();
                for (int i = 1; i <= 2; i++) {
                    statement.executeUpdate("INSERT INTO preparations (preparation_id, request_id, card_number, amount, currency, source,"
                            + " created_at, expires_at, state, charge_id) VALUES ('p" + i + "', 'r" + i + "', '" + card + "', " + (i * 1000)
                            + ", 'JPY', 'POINTS', TIMESTAMP '2026-11-01 00:00:00', TIMESTAMP '2099-01-01 00:00:00', 'CHARGING', " + (70 + i) + ")");
                    statement.executeUpdate("INSERT INTO charges (charge_id, card_number, sequence, amount, currency, mac, state, terminal_id,"
                            + " issued_at) VALUES (" + (70 + i) + ", '" + card + "', " + (i == 1 ? 65535 : 3) + ", " + (i * 1000)
                            + ", 'JPY', '0000000000000000', 'ISSUED', 'KIOSK001', TIMESTAMP '2026-11-01 00:00:00')");
                }
                return statement.executeUpdate("UPDATE emoney_users SET proven_sequence = 3 WHERE card_number = '" + card + "'");
            });
        }

        assertThat(run("stuck-charges")).isZero();
        assertThat(out.toString()).contains("71 **** **** **** 0017 sequence 65535 card proved 3 1000 JPY", "STUCK (never applied)",
                "72 **** **** **** 0017 sequence 3 card proved 3 2000 JPY", "open (the card may still apply it)", "2 open charges, 1 stuck")
                .doesNotContain(card);
        assertThat(run("stuck-charges", "--refund")).as("--refund alone").isEqualTo(2);

        assertThat(run("stuck-charges", "--settle", "--refund")).isZero();
        assertThat(out.toString()).contains("1 stuck charges cancelled, their VALUE refunded");
        try (com.valuekiosk.server.db.Database emoney = com.valuekiosk.server.db.DatabaseSettings.h2(data.resolve("emoney")).open("emoney")) {
            String states = emoney.inTransaction(connection -> {
                try (var rows = connection.createStatement().executeQuery(
                        "SELECT (SELECT state FROM charges WHERE charge_id = 71) || ' ' || (SELECT state FROM charges WHERE charge_id = 72)"
                                + " || ' ' || (SELECT CAST(SUM(amount) AS VARCHAR(20)) FROM refunds)")) {
                    rows.next();
                    return rows.getString(1);
                }
            });
            assertThat(states).isEqualTo("CANCELLED ISSUED 1000");
        }
    }

    @Test
    void badSettingsStopWithOneClearLine() {
        assertThat(run("close-cycle", "--month", "2026-13")).isEqualTo(2);
        assertThat(err.toString()).contains("--month");

        err.getBuffer().setLength(0);
        assertThat(run("seed-demo", "--credit-db", "mysql://somewhere")).isEqualTo(1);
        assertThat(err.toString()).contains("--credit-db must be a jdbc:postgresql: or jdbc:h2: URL");

        err.getBuffer().setLength(0);
        assertThat(run("run", "credit")).as("no PKI yet").isEqualTo(1);
        assertThat(err.toString()).contains("valuekiosk-servers:").doesNotContain("Exception");
    }

    @Test
    void aBadIssuerKeysFileNamesTheKey() throws Exception {
        Path keys = data.resolve("keys.properties");
        Files.writeString(keys, "purchaseCryptogram=00112233445566778899AABBCCDDEEFF\npurseCredit=1234\n");
        assertThat(run("pki")).isZero();
        assertThat(run("run", "emoney", "--issuer-keys", keys.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("purseCredit must be 32 hex digits").doesNotContain("00112233");
        assertThat(out.toString()).doesNotContain(DemoCards.CREDIT_CARD.cardNumber().digits());
    }
}

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
    void closeCycleAndStatementWorkOnAnEmptyMonth() {
        assertThat(run("seed-demo")).isZero();
        assertThat(run("close-cycle", "--month", "2026-10")).isZero();
        assertThat(run("close-cycle", "--month", "2026-10")).as("twice").isZero();
        assertThat(run("statement", "--month", "2026-10")).isZero();
        assertThat(run("expire-now")).isZero();
        assertThat(err.toString()).isEmpty();
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

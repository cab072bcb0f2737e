package com.valuekiosk.server.emoney;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.server.testing.ApiClient;
import com.valuekiosk.server.testing.EmoneyFixture;
import com.valuekiosk.server.testing.Storage;
import com.valuekiosk.wire.ApiPaths;
import com.valuekiosk.wire.ErrorCode;
import com.valuekiosk.wire.TerminalHealthAck;
import com.valuekiosk.wire.TerminalHealthReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kiosks report how they stand to the e-money server (issue "money that no kiosk … can freeze", part 7):
 * the latest report per terminal is kept, shown in the metrics for the site's monitoring, and a kiosk that
 * stops reporting is counted as silent.
 */
class TerminalHealthTest {

    @TempDir
    Path directory;

    private static final String TROUBLED_REPORT = """
            {"observedAt":"2026-11-24T09:59:58Z","software":"ValueKiosk kiosk 0.1.0","uptimeSeconds":3600,
             "readers":[{"kind":"CONTACT","name":"ACS ACR39U 00 00","state":"NO_READER","cardPresent":false},
                        {"kind":"CONTACTLESS","name":"Sony RC-S380 00 00","state":"READY","cardPresent":true}],
             "servers":[{"server":"credit","reachable":false,"millis":5002,"problem":"SocketTimeoutException: timeout"},
                        {"server":"emoney","reachable":true,"millis":12,"problem":null}],
             "openTransactions":2,"oldestOpenSeconds":95,"journalBytes":12345}""";

    private static final String HEALTHY_REPORT = """
            {"observedAt":"2026-11-24T10:03:58Z","software":"ValueKiosk kiosk 0.1.0","uptimeSeconds":3840,
             "readers":[{"kind":"CONTACTLESS","name":"Sony RC-S380 00 00","state":"READY","cardPresent":false}],
             "servers":[{"server":"emoney","reachable":true,"millis":9,"problem":null}],
             "openTransactions":0,"oldestOpenSeconds":0,"journalBytes":2048}""";

    @ParameterizedTest
    @EnumSource(Storage.class)
    void theLatestReportOfEachKioskIsKeptAndShownToTheMonitor(Storage storage) throws Exception {
        try (EmoneyFixture emoney = new EmoneyFixture(directory, storage)) {
            ApiClient.Response answer = emoney.terminal(EmoneyFixture.KIOSK).postRaw(ApiPaths.TERMINAL_HEALTH, TROUBLED_REPORT);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            TerminalHealthAck ack = answer.as(TerminalHealthAck.class);
            assertThat(ack.terminalId()).as("the certificate's terminal, not a field").isEqualTo(EmoneyFixture.KIOSK);
            assertThat(ack.receivedAt()).isEqualTo(EmoneyFixture.START);

            String metrics = scrape(emoney);
            String kiosk = "server=\"emoney\",terminal=\"" + EmoneyFixture.KIOSK + "\"";
            assertThat(value(metrics, "valuekiosk_terminal_readers_not_ready", kiosk)).isEqualTo(1);
            assertThat(value(metrics, "valuekiosk_terminal_servers_unreachable", kiosk)).isEqualTo(1);
            assertThat(value(metrics, "valuekiosk_terminal_open_transactions", kiosk)).isEqualTo(2);
            assertThat(value(metrics, "valuekiosk_terminal_journal_bytes", kiosk)).isEqualTo(12345);
            assertThat(value(metrics, "valuekiosk_terminal_report_age_seconds", kiosk)).isZero();
            assertThat(metrics).as("a kiosk that never reported has no rows of its own")
                    .doesNotContain("terminal=\"" + EmoneyFixture.OTHER_KIOSK + "\"");
            assertThat(value(metrics, "valuekiosk_terminals_silent", "server=\"emoney\"")).as("KIOSK002 never reported").isEqualTo(1);
            assertThat(value(metrics, "valuekiosk_terminals_troubled", "server=\"emoney\"")).isEqualTo(1);

            // Four minutes on, a healthy report from KIOSK001 replaces the first; KIOSK002 is still silent.
            emoney.clock.advance(Duration.ofMinutes(4));
            TerminalHealth health = new TerminalHealth(emoney.server.database(), emoney.clock);
            assertThat(health.latest()).filteredOn(status -> status.terminalId().equals(EmoneyFixture.KIOSK))
                    .singleElement().satisfies(status -> assertThat(status.silent(health.now(), TerminalHealth.DEFAULT_SILENT_AFTER))
                            .as("not heard of for 4 minutes").isTrue());
            assertThat(emoney.terminal(EmoneyFixture.KIOSK).postRaw(ApiPaths.TERMINAL_HEALTH, HEALTHY_REPORT).status()).isEqualTo(200);
            List<TerminalHealth.Status> statuses = health.latest();
            assertThat(statuses).extracting(TerminalHealth.Status::terminalId)
                    .containsExactly(EmoneyFixture.KIOSK, EmoneyFixture.OTHER_KIOSK);
            TerminalHealth.Status first = statuses.get(0);
            assertThat(first.silent(health.now(), TerminalHealth.DEFAULT_SILENT_AFTER)).isFalse();
            assertThat(first.troubled()).isFalse();
            assertThat(first.journalBytes()).isEqualTo(2048);
            assertThat(first.receivedAt()).isEqualTo(EmoneyFixture.START.plus(Duration.ofMinutes(4)));
            assertThat(first.report()).contains("\"uptimeSeconds\":3840");
            assertThat(statuses.get(1).reported()).isFalse();
            assertThat(statuses.get(1).silent(health.now(), TerminalHealth.DEFAULT_SILENT_AFTER)).isTrue();
        }
    }

    private static final String READER = "{\"kind\":\"CONTACTLESS\",\"name\":\"r\",\"state\":\"READY\",\"cardPresent\":false}";
    private static final String EMONEY_UP = "{\"server\":\"emoney\",\"reachable\":true,\"millis\":1,\"problem\":null}";

    /** A report with the given readers, servers, open transactions and journal size, and {@code extra} fields. */
    private static String report(String readers, String servers, String openTransactions, String journalBytes, String extra) {
        return "{\"observedAt\":\"2026-11-24T10:03:58Z\",\"software\":\"ValueKiosk kiosk 0.1.0\",\"uptimeSeconds\":1,"
                + "\"readers\":[" + readers + "],\"servers\":[" + servers + "],\"openTransactions\":" + openTransactions
                + ",\"oldestOpenSeconds\":0,\"journalBytes\":" + journalBytes + extra + "}";
    }

    static List<String> malformedReports() {
        return List.of(
                // a control character in a reader's name (it would reach the operator's terminal)
                report(READER.replace("\"r\"", "\"ACS\\u001b[2J\""), EMONEY_UP, "0", "1", ""),
                // more readers than a kiosk has
                report(String.join(",", java.util.Collections.nCopies(5, READER)), EMONEY_UP, "0", "1", ""),
                report(READER.replace("READY", "ON_FIRE"), EMONEY_UP, "0", "1", ""),
                report(READER.replace("\"r\"", "\"" + "r".repeat(129) + "\""), EMONEY_UP, "0", "1", ""),
                report(READER, EMONEY_UP + "," + EMONEY_UP, "0", "1", ""),
                report(READER, EMONEY_UP.replace("\"problem\":null", "\"problem\":\"but also a problem\""), "0", "1", ""),
                report(READER, EMONEY_UP, "0", "-1", ""),
                report(READER, EMONEY_UP, "-3", "1", ""),
                // the terminal is the certificate's: a field naming one is unknown, and refused
                report(READER, EMONEY_UP, "0", "1", ",\"terminalId\":\"KIOSK002\""));
    }

    @ParameterizedTest
    @MethodSource("malformedReports")
    void aMalformedReportIsRefusedAndNothingIsKept(String body) throws Exception {
        try (EmoneyFixture emoney = new EmoneyFixture(directory, Storage.H2)) {
            assertThat(emoney.terminal(EmoneyFixture.KIOSK).postRaw(ApiPaths.TERMINAL_HEALTH, report(READER, EMONEY_UP, "0", "1", ""))
                    .status()).as("the unchanged report is fine").isEqualTo(200);
            ApiClient.Response answer = emoney.terminal(EmoneyFixture.OTHER_KIOSK).postRaw(ApiPaths.TERMINAL_HEALTH, body);
            assertThat(answer.status()).as(body + " -> " + answer.body()).isEqualTo(400);
            assertThat(answer.error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(answer.body()).doesNotContain("\u001b");
            assertThat(new TerminalHealth(emoney.server.database(), emoney.clock).latest())
                    .filteredOn(TerminalHealth.Status::reported).extracting(TerminalHealth.Status::terminalId)
                    .containsExactly(EmoneyFixture.KIOSK);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Storage.class, names = "H2")
    void onlyRegisteredTerminalsReport(Storage storage) throws Exception {
        try (EmoneyFixture emoney = new EmoneyFixture(directory, storage)) {
            assertThat(emoney.terminal(EmoneyFixture.STRANGER).postRaw(ApiPaths.TERMINAL_HEALTH, HEALTHY_REPORT).error().code())
                    .isEqualTo(ErrorCode.UNKNOWN_CLIENT);
            assertThat(emoney.monitor().postRaw(ApiPaths.TERMINAL_HEALTH, HEALTHY_REPORT).error().code())
                    .isEqualTo(ErrorCode.FORBIDDEN_FOR_ROLE);
            assertThat(emoney.creditServer().postRaw(ApiPaths.TERMINAL_HEALTH, HEALTHY_REPORT).error().code())
                    .isEqualTo(ErrorCode.FORBIDDEN_FOR_ROLE);
            assertThat(new TerminalHealth(emoney.server.database(), emoney.clock).latest()).noneMatch(TerminalHealth.Status::reported);
        }
    }

    private static String scrape(EmoneyFixture emoney) {
        ApiClient.Response response = emoney.monitor().get("/metrics");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static double value(String exposition, String name, String labels) {
        Matcher matcher = Pattern.compile("^" + Pattern.quote(name) + "\\{" + Pattern.quote(labels) + "} (\\S+)$", Pattern.MULTILINE)
                .matcher(exposition);
        assertThat(matcher.find()).as(name + "{" + labels + "} in\n" + exposition).isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}

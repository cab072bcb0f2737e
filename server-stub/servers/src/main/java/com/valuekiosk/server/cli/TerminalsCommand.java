package com.valuekiosk.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.valuekiosk.server.db.Database;
import com.valuekiosk.server.emoney.TerminalHealth;
import com.valuekiosk.wire.Json;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "terminals", mixinStandardHelpOptions = true,
        description = {"List the registered kiosks with their latest health report to the e-money server: readers not",
            "ready, servers out of reach, open transactions, journal size. A kiosk not heard of for --silent-after is SILENT.",
            "Exit code 3 when any active kiosk is silent or reports trouble (for a cron job or a check script)."})
final class TerminalsCommand implements Callable<Integer> {

    @Mixin
    Locations locations;

    @Spec
    CommandSpec spec;

    @Option(names = "--silent-after", description = "A kiosk not heard of for this long is silent (ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration silentAfter = TerminalHealth.DEFAULT_SILENT_AFTER;

    @Option(names = "--json", description = "One JSON line per kiosk: its id, state, and latest report as it sent it.")
    boolean json;

    private static String jsonLine(TerminalHealth.Status terminal, String verdict) {
        ObjectNode line = Json.mapper().createObjectNode().put("terminalId", terminal.terminalId()).put("state", verdict);
        if (terminal.reported()) {
            line.put("receivedAt", terminal.receivedAt().toString());
            try {
                line.set("report", Json.mapper().readTree(terminal.report()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a stored health report that is not JSON", e);
            }
        }
        return line.toString();
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Database emoney = locations.emoney().open("emoney")) {
            TerminalHealth health = new TerminalHealth(emoney, Clock.systemUTC());
            Instant now = health.now();
            List<TerminalHealth.Status> terminals = health.latest();
            int attention = 0;
            for (TerminalHealth.Status terminal : terminals) {
                String verdict = !terminal.active() ? "INACTIVE"
                        : terminal.silent(now, silentAfter) ? "SILENT"
                        : terminal.troubled() ? "TROUBLE" : "OK";
                if (verdict.equals("SILENT") || verdict.equals("TROUBLE")) {
                    attention++;
                }
                if (json) {
                    out.println(jsonLine(terminal, verdict));
                    continue;
                }
                out.printf("%-8s %-8s %s%n", terminal.terminalId(), verdict, terminal.reported()
                        ? String.format("last report %.0f s ago; readers not ready %d, servers out of reach %d,"
                                + " open transactions %d (oldest %d s), journal %d bytes", terminal.ageSeconds(now),
                                terminal.readersNotReady(), terminal.serversUnreachable(), terminal.openTransactions(),
                                terminal.oldestOpenSeconds(), terminal.journalBytes())
                        : "never reported");
            }
            if (!json) {
                out.println(terminals.size() + " terminals, " + attention + " needing attention");
            }
            return attention == 0 ? 0 : 3;
        }
    }
}

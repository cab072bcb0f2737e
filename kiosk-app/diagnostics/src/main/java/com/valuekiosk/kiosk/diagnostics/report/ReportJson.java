package com.valuekiosk.kiosk.diagnostics.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.valuekiosk.kiosk.diagnostics.CheckResult;
import com.valuekiosk.kiosk.diagnostics.Finding;
import com.valuekiosk.kiosk.diagnostics.Masking;
import com.valuekiosk.kiosk.diagnostics.card.LatencyStats;

/**
 * The report as JSON, written field by field (no reflection, so nothing is in it that is not named here):
 * <pre>
 * { "tool", "host", "created", "verdict", "counts": {"PASS","WARN","FAIL"},
 *   "results": [ { "check", "subject", "verdict", "message", "started", "elapsedMillis",
 *                  "findings": [ {"name","value","verdict","elapsedMillis"?} ],
 *                  "latency"?: {"count","minMillis","medianMillis","p95Millis","maxMillis","meanMillis"},
 *                  "samplesMicros"?: [ … ] } ] }
 * </pre>
 */
public final class ReportJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    public static String write(DiagnosticReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("tool", report.tool());
        root.put("host", report.host());
        root.put("created", report.created().toString());
        root.put("verdict", report.verdict().name());
        ObjectNode counts = root.putObject("counts");
        for (com.valuekiosk.kiosk.diagnostics.Verdict verdict : com.valuekiosk.kiosk.diagnostics.Verdict.values()) {
            counts.put(verdict.name(), report.count(verdict));
        }
        ArrayNode results = root.putArray("results");
        for (CheckResult result : report.results()) {
            ObjectNode node = results.addObject();
            node.put("check", result.check().id());
            node.put("subject", Masking.text(result.subject()));
            node.put("verdict", result.verdict().name());
            node.put("message", result.message());
            node.put("started", result.started().toString());
            node.put("elapsedMillis", millis(result.elapsed().toNanos()));
            ArrayNode findings = node.putArray("findings");
            for (Finding finding : result.findings()) {
                ObjectNode f = findings.addObject();
                f.put("name", finding.name());
                f.put("value", finding.value());
                f.put("verdict", finding.verdict().name());
                finding.time().ifPresent(t -> f.put("elapsedMillis", millis(t.toNanos())));
            }
            if (!result.samplesNanos().isEmpty()) {
                LatencyStats stats = LatencyStats.of(result.samplesNanos());
                ObjectNode latency = node.putObject("latency");
                latency.put("count", stats.count());
                latency.put("minMillis", millis(stats.minNanos()));
                latency.put("medianMillis", millis(stats.medianNanos()));
                latency.put("p95Millis", millis(stats.p95Nanos()));
                latency.put("maxMillis", millis(stats.maxNanos()));
                latency.put("meanMillis", millis(stats.meanNanos()));
                ArrayNode samples = node.putArray("samplesMicros");
                result.samplesNanos().forEach(n -> samples.add(n / 1_000));
            }
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report could not be written as JSON", e);
        }
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}

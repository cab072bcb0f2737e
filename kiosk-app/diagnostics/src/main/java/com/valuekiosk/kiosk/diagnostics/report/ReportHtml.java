package com.valuekiosk.kiosk.diagnostics.report;

import com.valuekiosk.kiosk.diagnostics.CheckResult;
import com.valuekiosk.kiosk.diagnostics.Finding;
import com.valuekiosk.kiosk.diagnostics.Masking;
import com.valuekiosk.kiosk.diagnostics.Verdict;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The report as one self-contained HTML page (no script, no link, the chart inline as a PNG data URL) that prints
 * on one page: the verdict, a summary table of every check, the latency chart, then each check's details.
 */
public final class ReportHtml {

    private ReportHtml() {
    }

    public static String write(DiagnosticReport report) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>ValueKiosk diagnostics — ")
                .append(escape(report.host())).append("</title>\n<style>\n")
                .append("body{font:13px/1.35 sans-serif;margin:18px;color:#222}h1{font-size:20px;margin:0 0 4px}")
                .append("h2{font-size:15px;margin:16px 0 4px}table{border-collapse:collapse;width:100%}")
                .append("td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}")
                .append("th{background:#f2f2f2}.PASS{color:#17641d;font-weight:bold}.WARN{color:#8a5a00;font-weight:bold}")
                .append(".FAIL{color:#b00020;font-weight:bold}.num{text-align:right;white-space:nowrap}")
                .append("code{font-size:12px}details{margin:4px 0}@media print{details{display:block}}\n")
                .append("</style></head><body>\n");
        html.append("<h1>ValueKiosk diagnostics: <span class=\"").append(report.verdict()).append("\">")
                .append(report.verdict()).append("</span></h1>\n<p>").append(escape(report.tool())).append(" on <b>")
                .append(escape(report.host())).append("</b>, ").append(escape(report.created().toString())).append(" — ")
                .append(report.count(Verdict.PASS)).append(" pass, ").append(report.count(Verdict.WARN))
                .append(" warn, ").append(report.count(Verdict.FAIL)).append(" fail. ")
                .append("Card numbers are masked; no PIN and no key is in this report.</p>\n");

        html.append("<table><tr><th>verdict</th><th>check</th><th>on</th><th>result</th><th>time</th></tr>\n");
        for (CheckResult result : report.results()) {
            html.append("<tr><td class=\"").append(result.verdict()).append("\">").append(result.verdict())
                    .append("</td><td>").append(result.check().id()).append("</td><td>")
                    .append(escape(Masking.text(result.subject()))).append("</td><td>").append(escape(result.message()))
                    .append("</td><td class=\"num\">").append(result.elapsed().toMillis()).append(" ms</td></tr>\n");
        }
        html.append("</table>\n");

        Optional<byte[]> chart = LatencyChart.png(report.results());
        if (chart.isPresent()) {
            html.append("<h2>APDU round trip</h2>\n<img id=\"latency-chart\" alt=\"APDU round-trip time per reader\" ")
                    .append("width=\"").append(LatencyChart.WIDTH).append("\" height=\"").append(LatencyChart.HEIGHT)
                    .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(chart.get()))
                    .append("\">\n");
        }

        html.append("<h2>Details</h2>\n");
        for (CheckResult result : report.results()) {
            html.append("<details open><summary><span class=\"").append(result.verdict()).append("\">")
                    .append(result.verdict()).append("</span> ").append(escape(result.check().title())).append(" — ")
                    .append(escape(Masking.text(result.subject()))).append("</summary>\n<table>");
            for (Finding finding : result.findings()) {
                html.append("<tr><td>").append(escape(finding.name())).append("</td><td><code>")
                        .append(escape(finding.value())).append("</code></td><td class=\"").append(finding.verdict())
                        .append("\">").append(finding.verdict()).append("</td><td class=\"num\">")
                        .append(finding.time().map(t -> String.format(Locale.ROOT, "%.1f ms", t.toNanos() / 1e6))
                                .orElse(""))
                        .append("</td></tr>\n");
            }
            html.append("</table></details>\n");
        }
        html.append("</body></html>\n");
        return html.toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

package com.valuekiosk.kiosk.diagnostics.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.valuekiosk.card.host.Aids;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.card.sim.SimulatedCard;
import com.valuekiosk.card.sim.SimulatedCardFactory;
import com.valuekiosk.kiosk.diagnostics.Check;
import com.valuekiosk.kiosk.diagnostics.CheckResult;
import com.valuekiosk.kiosk.diagnostics.Outcome;
import com.valuekiosk.kiosk.diagnostics.Verdict;
import com.valuekiosk.kiosk.diagnostics.card.ApduConsole;
import com.valuekiosk.kiosk.diagnostics.card.AppletsCheck;
import com.valuekiosk.kiosk.diagnostics.card.TimingCheck;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The report as it is handed over, made from real checks on the demo cards: what is in it, and what is not. */
class ReportTest {

    static final SimulatedCardFactory CARDS = new SimulatedCardFactory(IssuerMasterKeys.demo());

    static DiagnosticReport report() throws Exception {
        SimulatedCard credit = CARDS.creditCard(DemoCards.CREDIT_CARD);
        SimulatedCard purse = CARDS.purseCard(DemoCards.EMONEY_CARD);
        Instant at = Instant.parse("2026-12-06T03:00:00Z");
        return new DiagnosticReport(at, "kiosk-17", "valuekiosk-diag test", List.of(
                result(Check.APPLETS, "contact reader", AppletsCheck.run(credit), at),
                result(Check.APPLETS, "contactless reader", AppletsCheck.run(purse), at),
                result(Check.APDU, "contact reader", new ApduConsole(credit).send(List.of(
                        "00A4040008" + Aids.CREDIT_CARD, "002000800431323334", "80CA000000")), at),
                result(Check.TIMING, "contact reader", TimingCheck.run(credit, 30), at),
                result(Check.TIMING, "contactless reader", TimingCheck.run(purse, 30), at),
                result(Check.SERVERS, "credit https://127.0.0.1:8443", Outcome.of(Verdict.FAIL, "TCP: refused",
                        List.of()), at)));
    }

    static CheckResult result(Check check, String subject, Outcome outcome, Instant at) {
        return new CheckResult(check, subject, outcome.verdict(), outcome.message(), at, Duration.ofMillis(12),
                outcome.findings(), outcome.samplesNanos());
    }

    @Test
    void theJsonHoldsEveryResultWithItsLatencyAndNoSecret() throws Exception {
        String json = ReportJson.write(report());

        JsonNode root = new ObjectMapper().readTree(json);
        assertThat(root.get("verdict").asText()).isEqualTo("FAIL");
        assertThat(root.get("counts").get("FAIL").asInt()).isEqualTo(1);
        assertThat(root.get("results")).hasSize(6);
        JsonNode timing = root.get("results").get(3);
        assertThat(timing.get("check").asText()).isEqualTo("timing");
        assertThat(timing.get("latency").get("count").asInt()).isEqualTo(30);
        assertThat(timing.get("samplesMicros")).hasSize(30);
        assertThat(timing.get("latency").get("p95Millis").asDouble())
                .isGreaterThanOrEqualTo(timing.get("latency").get("medianMillis").asDouble());
        assertNothingSecret(json);
        assertThat(json).contains("**** **** **** 0013", "**** **** **** 0017");
    }

    @Test
    void theHtmlIsOnePageWithTheChartInlineAndNoSecret() throws Exception {
        String html = ReportHtml.write(report());

        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script", "http://", "https://fonts",
                "<link");
        assertThat(html).contains("ValueKiosk diagnostics: <span class=\"FAIL\">FAIL</span>");
        assertThat(html).contains("<td>timing</td><td>contact reader</td>");
        Matcher chart = Pattern.compile("<img id=\"latency-chart\"[^>]*src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"")
                .matcher(html);
        assertThat(chart.find()).as("the latency chart is inline").isTrue();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(chart.group(1))));
        assertThat(image.getWidth()).isEqualTo(LatencyChart.WIDTH);
        assertThat(image.getHeight()).isEqualTo(LatencyChart.HEIGHT);
        assertNothingSecret(html);
    }

    @Test
    void textIsEscapedInTheHtml() {
        assertThat(ReportHtml.escape("<b>\"R&D\"</b>")).isEqualTo("&lt;b&gt;&quot;R&amp;D&quot;&lt;/b&gt;");
    }

    @Test
    void aReportWithoutTimingsHasNoChart() {
        assertThat(LatencyChart.png(List.of())).isEmpty();
    }

    /** No full card number (plain, grouped or as BCD in an APDU), no PIN (typed 1234 as ASCII), no holder name. */
    static void assertNothingSecret(String text) {
        assertThat(text).doesNotContain("4999990000000013", "4999 9900 0000 0013", "9999010000000017",
                "9999 0100 0000 0017", "31323334", "TARO YAMADA");
    }
}

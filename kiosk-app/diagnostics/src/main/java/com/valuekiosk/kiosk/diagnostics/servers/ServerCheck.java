package com.valuekiosk.kiosk.diagnostics.servers;

import com.valuekiosk.kiosk.diagnostics.Finding;
import com.valuekiosk.kiosk.diagnostics.Outcome;
import com.valuekiosk.kiosk.diagnostics.Verdict;
import com.valuekiosk.pki.TlsContexts;
import com.valuekiosk.wire.ApiPaths;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * One server's link, step by step with the time of each, stopping at the first step that fails:
 * <ol>
 *   <li>DNS: the host's addresses;</li>
 *   <li>TCP: a connection to the first address;</li>
 *   <li>TLS: a TLS 1.3 handshake with the kiosk's own context, host name checked as the kiosk's HTTPS client does;</li>
 *   <li>the server's chain (subject, issuer, days to expiry of each) and our client certificate's days to expiry;</li>
 *   <li>mutual TLS and {@code GET /health} on that connection: the server took our certificate (TLS 1.3 servers refuse
 *       a client certificate only after the handshake, at the first read) and answered 200.</li>
 * </ol>
 * A certificate expiring within {@link #EXPIRY_WARNING_DAYS} days is a warning; an expired one a failure. Every step
 * has the check's socket timeout, so nothing waits longer.
 */
public final class ServerCheck {

    public static final int EXPIRY_WARNING_DAYS = 30;

    private final ClientTls tls;
    private final Duration stepTimeout;
    private final Clock clock;

    public ServerCheck(ClientTls tls, Duration stepTimeout, Clock clock) {
        this.tls = Objects.requireNonNull(tls, "tls");
        this.stepTimeout = Objects.requireNonNull(stepTimeout, "stepTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Outcome run(ServerTarget target) {
        List<Finding> findings = new ArrayList<>();
        int timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, stepTimeout.toMillis()));

        long start = System.nanoTime();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(target.host());
        } catch (UnknownHostException e) {
            findings.add(Finding.step("DNS", target.host() + ": unknown host", Verdict.FAIL, since(start)));
            return Outcome.of(Verdict.FAIL, "DNS: " + target.host() + " is unknown", findings);
        }
        findings.add(Finding.step("DNS", target.host() + " → " + Arrays.stream(addresses)
                .map(InetAddress::getHostAddress).collect(Collectors.joining(", ")), Verdict.PASS, since(start)));

        InetSocketAddress address = new InetSocketAddress(addresses[0], target.port());
        start = System.nanoTime();
        Socket plain = new Socket();
        try {
            plain.connect(address, timeoutMillis);
            plain.setSoTimeout(timeoutMillis);
        } catch (IOException e) {
            closeQuietly(plain);
            findings.add(Finding.step("TCP", address.getAddress().getHostAddress() + ":" + target.port() + ": "
                    + e.getMessage(), Verdict.FAIL, since(start)));
            return Outcome.of(Verdict.FAIL, "TCP: " + e.getMessage(), findings);
        }
        findings.add(Finding.step("TCP", "connected to " + address.getAddress().getHostAddress() + ":" + target.port(),
                Verdict.PASS, since(start)));

        try (SSLSocket socket = (SSLSocket) tls.context().getSocketFactory()
                .createSocket(plain, target.host(), target.port(), true)) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setProtocols(new String[] {TlsContexts.PROTOCOL});
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            start = System.nanoTime();
            SSLSession session;
            try {
                socket.startHandshake();
                session = socket.getSession();
            } catch (IOException e) {
                findings.add(Finding.step("TLS 1.3 handshake", e.getMessage(), Verdict.FAIL, since(start)));
                return Outcome.of(Verdict.FAIL, "TLS: " + e.getMessage(), findings);
            }
            findings.add(Finding.step("TLS 1.3 handshake", session.getProtocol() + ", " + session.getCipherSuite(),
                    TlsContexts.PROTOCOL.equals(session.getProtocol()) ? Verdict.PASS : Verdict.FAIL, since(start)));

            Certificate[] chain = session.getPeerCertificates();
            for (int i = 0; i < chain.length; i++) {
                if (chain[i] instanceof X509Certificate certificate) {
                    findings.add(expiry("server certificate " + (i + 1), certificate));
                }
            }
            findings.add(expiry("our client certificate", tls.chain().get(0)));

            start = System.nanoTime();
            String statusLine = health(socket, target);
            boolean up = statusLine.matches("HTTP/1\\.[01] 200( .*)?");
            findings.add(Finding.step("mutual TLS + GET " + ApiPaths.HEALTH, statusLine,
                    up ? Verdict.PASS : Verdict.FAIL, since(start)));
            Verdict verdict = Outcome.worst(findings);
            return Outcome.of(verdict, up ? "up: " + summary(findings) : "GET /health answered " + statusLine, findings);
        } catch (IOException e) {
            // A refused client certificate shows here in TLS 1.3: an alert at the first read after the handshake.
            findings.add(Finding.step("mutual TLS + GET " + ApiPaths.HEALTH, e.getClass().getSimpleName() + ": "
                    + e.getMessage(), Verdict.FAIL, since(start)));
            return Outcome.of(Verdict.FAIL, "mutual TLS: " + e.getMessage(), findings);
        }
    }

    private String health(SSLSocket socket, ServerTarget target) throws IOException {
        String basePath = target.baseUrl().getRawPath() == null ? "" : target.baseUrl().getRawPath();
        if (basePath.endsWith("/")) {
            basePath = basePath.substring(0, basePath.length() - 1);
        }
        String hostHeader = target.baseUrl().getPort() < 0 ? target.host() : target.host() + ":" + target.port();
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + basePath + ApiPaths.HEALTH + " HTTP/1.1\r\nHost: " + hostHeader
                + "\r\nUser-Agent: valuekiosk-diag\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        String line = in.readLine();
        if (line == null) {
            throw new IOException("the server closed the connection without an answer (our certificate refused?)");
        }
        return line.strip();
    }

    private Finding expiry(String name, X509Certificate certificate) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        long days = Duration.between(clock.instant(), notAfter).toDays();
        Verdict verdict = clock.instant().isAfter(notAfter) ? Verdict.FAIL
                : days < EXPIRY_WARNING_DAYS ? Verdict.WARN : Verdict.PASS;
        String text = certificate.getSubjectX500Principal().getName() + ", issued by "
                + certificate.getIssuerX500Principal().getName() + ", "
                + (verdict == Verdict.FAIL ? "EXPIRED on " + notAfter : days + " days to expiry (" + notAfter + ")");
        return Finding.of(name, text, verdict);
    }

    private static String summary(List<Finding> findings) {
        return findings.stream().filter(f -> f.elapsed() != null)
                .map(f -> (f.name().startsWith("mutual") ? "/health" : f.name().split(" ")[0]) + " " + f.elapsed().toMillis() + " ms")
                .collect(Collectors.joining(", "));
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}

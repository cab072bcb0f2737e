package com.valuekiosk.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.pki.TlsContexts;
import com.valuekiosk.server.testing.ApiClient;
import com.valuekiosk.server.testing.EmoneyFixture;
import com.valuekiosk.server.testing.RawHttps;
import com.valuekiosk.server.testing.Storage;
import com.valuekiosk.wire.ApiPaths;
import com.valuekiosk.wire.AvailabilityRequest;
import com.valuekiosk.wire.ErrorBody;
import com.valuekiosk.wire.ErrorCode;
import com.valuekiosk.wire.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that send their bodies a byte at a time cannot take the server down: one address holds
 * only so many connections, a body must keep a minimum rate and arrive within a deadline, and
 * everyone else is answered meanwhile.
 */
class SlowClientsTest {

    /** Declared body length of the slow requests; they never get that far. */
    private static final int DECLARED = 1000;

    @TempDir
    Path directory;

    private final List<SSLSocket> sockets = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    private EmoneyFixture fixture;

    @AfterEach
    void stop() throws Exception {
        pacer.shutdownNow();
        for (SSLSocket socket : sockets) {
            socket.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void manySlowClientsOnOneAddressLeaveTheServerAnsweringOthers() throws Exception {
        fixture = new EmoneyFixture(directory, Storage.H2);
        SSLContext tls = kioskTls();
        InetAddress attacker = InetAddress.getByName("127.0.0.2");
        int attackers = 80; // more than the server's 64 threads
        CountDownLatch sent = new CountDownLatch(attackers);
        ExecutorService connecting = Executors.newFixedThreadPool(16);
        try {
            for (int i = 0; i < attackers; i++) {
                connecting.execute(() -> {
                    try {
                        SSLSocket socket = RawHttps.connect(tls, attacker, fixture.server.port());
                        sockets.add(socket);
                        OutputStream out = socket.getOutputStream();
                        out.write(slowRequestHead());
                        out.write('{');
                        out.flush();
                        // Then one more byte a second, as the attack in the issue did (slower there): never idle.
                        pacer.scheduleAtFixedRate(() -> sendOneByte(socket), 1, 1, TimeUnit.SECONDS);
                    } catch (IOException refused) {
                        // The server may refuse the connection: that is the point.
                    } finally {
                        sent.countDown();
                    }
                });
            }
            // A server that lets them starve it never finishes the handshakes of the later ones.
            sent.await(60, TimeUnit.SECONDS);
        } finally {
            connecting.shutdownNow();
        }

        ApiClient kiosk = fixture.terminal(EmoneyFixture.KIOSK);
        ApiClient.Response health = CompletableFuture.supplyAsync(() -> kiosk.get(ApiPaths.HEALTH))
                .get(15, TimeUnit.SECONDS);
        assertThat(health.status()).isEqualTo(200);
        ApiClient.Response availability = CompletableFuture.supplyAsync(() -> kiosk.post(ApiPaths.AVAILABILITY,
                new AvailabilityRequest(DemoCards.EMONEY_CARD.cardNumber().digits(), null))).get(15, TimeUnit.SECONDS);
        assertThat(availability.status()).isEqualTo(200);
    }

    @Test
    void aBodyBelowTheMinimumRateIsRefusedAndTheConnectionFreed() throws Exception {
        fixture = new EmoneyFixture(directory, Storage.H2, new HttpLimits(16, Duration.ofSeconds(20), 100,
                Duration.ofMillis(300), Duration.ofSeconds(60), 8));

        RawHttps.Answer answer = trickle(InetAddress.getByName("127.0.0.3"));

        assertThat(answer.status()).isEqualTo(400);
        ErrorBody error = Json.mapper().readValue(answer.body(), ErrorBody.class);
        assertThat(error.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
        assertThat(error.message()).contains("slower than 100 bytes/s");
    }

    @Test
    void aWholeBodyThatComesLateInOnePieceIsServed() throws Exception {
        fixture = new EmoneyFixture(directory, Storage.H2, new HttpLimits(16, Duration.ofSeconds(20), 1_000,
                Duration.ofMillis(100), Duration.ofSeconds(60), 8));
        byte[] body = Json.mapper().writeValueAsBytes(new AvailabilityRequest(DemoCards.EMONEY_CARD.cardNumber().digits(), null));
        SSLSocket socket = RawHttps.connect(kioskTls(), InetAddress.getByName("127.0.0.6"), fixture.server.port());
        sockets.add(socket);
        socket.getOutputStream().write(("POST " + ApiPaths.AVAILABILITY + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        // The body follows half a second later, all at once: far below 1,000 bytes/s on average, yet complete.
        pacer.schedule(() -> {
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            return null;
        }, 500, TimeUnit.MILLISECONDS);

        RawHttps.Answer answer = RawHttps.read(socket.getInputStream());

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void aBodyThatTakesLongerThanTheDeadlineIsRefused() throws Exception {
        fixture = new EmoneyFixture(directory, Storage.H2, new HttpLimits(16, Duration.ofSeconds(20), 0,
                Duration.ZERO, Duration.ofSeconds(1), 8));

        RawHttps.Answer answer = trickle(InetAddress.getByName("127.0.0.4"));

        assertThat(answer.status()).isEqualTo(400);
        ErrorBody error = Json.mapper().readValue(answer.body(), ErrorBody.class);
        assertThat(error.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
        assertThat(error.message()).contains("did not arrive within 1000 ms");
    }

    @Test
    void oneAddressGetsOnlyItsShareOfConnections() throws Exception {
        fixture = new EmoneyFixture(directory, Storage.H2, new HttpLimits(16, Duration.ofSeconds(20), 0,
                Duration.ZERO, Duration.ofSeconds(10), 2));
        SSLContext tls = kioskTls();
        InetAddress client = InetAddress.getByName("127.0.0.5");
        sockets.add(RawHttps.connect(tls, client, fixture.server.port()));
        sockets.add(RawHttps.connect(tls, client, fixture.server.port()));

        assertThatThrownBy(() -> sockets.add(RawHttps.connect(tls, client, fixture.server.port())))
                .isInstanceOf(IOException.class);
        assertThat(fixture.server.meters().get(ConnectionsPerClient.REFUSED).counter().count())
                .as("the refused connection is counted for monitoring").isEqualTo(1);
        // Another address is served as usual.
        assertThat(fixture.terminal(EmoneyFixture.KIOSK).get(ApiPaths.HEALTH).status()).isEqualTo(200);
    }

    /** Sends a POST whose body comes at ten bytes a second, and reads what the server answers. */
    private RawHttps.Answer trickle(InetAddress from) throws Exception {
        SSLSocket socket = RawHttps.connect(kioskTls(), from, fixture.server.port());
        sockets.add(socket);
        socket.setSoTimeout(30_000);
        socket.getOutputStream().write(slowRequestHead());
        socket.getOutputStream().flush();
        long started = System.nanoTime();
        pacer.scheduleAtFixedRate(() -> sendOneByte(socket), 0, 100, TimeUnit.MILLISECONDS);
        RawHttps.Answer answer = RawHttps.read(socket.getInputStream());
        // Well before the body could have arrived (100 s at this pace).
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        return answer;
    }

    private SSLContext kioskTls() {
        return TlsContexts.create(fixture.pki.terminalKeyStore(EmoneyFixture.KIOSK), fixture.pki.storePassword(),
                fixture.pki.trustStore());
    }

    private static byte[] slowRequestHead() {
        return ("POST " + ApiPaths.AVAILABILITY + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + DECLARED + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static void sendOneByte(SSLSocket socket) {
        try {
            socket.getOutputStream().write(' ');
            socket.getOutputStream().flush();
        } catch (IOException closed) {
            // The server closed it: nothing more to send.
        }
    }
}

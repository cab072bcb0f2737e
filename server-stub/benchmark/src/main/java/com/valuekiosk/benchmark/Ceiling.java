package com.valuekiosk.benchmark;

import com.valuekiosk.server.http.ApiHandler;
import com.valuekiosk.server.http.HttpLimits;
import com.valuekiosk.server.http.HttpsServer;
import com.valuekiosk.server.http.Route;
import com.valuekiosk.wire.ApiPaths;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;

/**
 * What this machine's HTTPS stack can do at most, measured in the same run as the flows: a
 * hello-world endpoint ({@code GET /health}, no database) on the same Jetty, TLS 1.3 with client
 * certificates, limits and HTTP layer as the servers, asked by as many threads as there are kiosks,
 * each with its own JDK client and terminal certificate, keep-alive, as the kiosks do.
 */
final class Ceiling {

    /** Requests a flow needs: the kiosk's four and the credit company server's notice. */
    static final int REQUESTS_PER_FLOW = 5;

    private Ceiling() {
    }

    /** The hello-world endpoint, started with the servers and asked before the flows. */
    static final class HelloServer implements AutoCloseable {

        private final HttpsServer server;

        private HelloServer(HttpsServer server) {
            this.server = server;
        }

        static HelloServer start(String host, SSLContext serverTls, HttpLimits limits) throws Exception {
            return new HelloServer(new HttpsServer("ceiling", host, 0, serverTls,
                    new ApiHandler("ceiling", peer -> true, List.of(Route.health("ceiling")), limits)).start());
        }

        URI health() {
            return URI.create("https://" + BenchmarkRun.HOST + ":" + server.port() + ApiPaths.HEALTH);
        }

        @Override
        public void close() throws Exception {
            server.close();
        }
    }

    /**
     * Requests per second that {@code clients}, one thread each, get from {@code health} over
     * {@code measured}, after {@code warmup} of the same. {@code atStart} and {@code atEnd} run on a
     * thread of their own when the measured time starts and ends, for the CPU readings.
     */
    static double ask(URI health, List<SSLContext> clients, Duration warmup, Duration measured, Runnable atStart,
                      Runnable atEnd) throws InterruptedException {
        AtomicLong requests = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        // Set when every client is ready: from then on, the warm-up, then the measured time.
        long[] times = new long[2];
        Thread clock = new Thread(() -> {
            parkUntil(times[0]);
            atStart.run();
            parkUntil(times[1]);
            atEnd.run();
        }, "ceiling-clock");
        CyclicBarrier start = new CyclicBarrier(clients.size(), () -> {
            times[0] = System.nanoTime() + warmup.toNanos();
            times[1] = times[0] + measured.toNanos();
            clock.start();
        });
        List<Thread> threads = new ArrayList<>();
        for (SSLContext tls : clients) {
            threads.add(new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Kiosk.CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
                HttpRequest request = HttpRequest.newBuilder(health).timeout(Kiosk.REQUEST_TIMEOUT).GET().build();
                try {
                    start.await();
                    long warmupEnd = times[0];
                    long end = times[1];
                    for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            failures.incrementAndGet();
                        } else if (now >= warmupEnd) {
                            requests.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                }
            }, "ceiling-client"));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        clock.join();
        if (failures.get() > 0) {
            throw new IllegalStateException("the hello-world endpoint failed " + failures.get() + " times");
        }
        return requests.get() / (measured.toNanos() / 1e9);
    }

    private static void parkUntil(long nanoTime) {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}

package com.valuekiosk.server.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A server's own HTTPS client for calling another server with JSON: Jetty's client, the same HTTP
 * and TLS code as {@link HttpsServer}, with a pool of keep-alive connections, safe to share between
 * threads. Host names are verified; the client certificate is {@code tls}'s.
 */
public final class HttpsJsonClient implements AutoCloseable {

    /** An answer: its status and body. */
    public record Answer(int status, String body) {
    }

    /** No answer at all: no connection, or none within the timeout. */
    public static final class Unreachable extends Exception {

        private final boolean timedOut;

        Unreachable(String message, boolean timedOut, Throwable cause) {
            super(message, cause);
            this.timedOut = timedOut;
        }

        public boolean timedOut() {
            return timedOut;
        }
    }

    private final HttpClient http;

    /** {@code name} names its threads. */
    public HttpsJsonClient(String name, SSLContext tls, Duration connectTimeout) {
        SslContextFactory.Client sslFactory = new SslContextFactory.Client(); // endpoint identification: HTTPS
        sslFactory.setSslContext(tls);
        QueuedThreadPool threads = new QueuedThreadPool(4, 1);
        threads.setName(name);
        threads.setDaemon(true);
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(sslFactory);
        connector.setExecutor(threads);
        http = new HttpClient(new HttpClientTransportOverHTTP(connector));
        http.setExecutor(threads);
        http.setConnectTimeout(connectTimeout.toMillis());
        http.setFollowRedirects(false);
        http.setUserAgentField(null);
        try {
            http.start();
        } catch (Exception e) {
            throw new IllegalStateException("the HTTPS client " + name + " did not start", e);
        }
    }

    /** POSTs {@code json} to {@code uri}, waiting at most {@code timeout} for the whole answer. */
    public Answer post(URI uri, String json, Duration timeout) throws Unreachable, InterruptedException {
        try {
            ContentResponse response = http.newRequest(uri)
                    .method(HttpMethod.POST)
                    .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .body(new StringRequestContent("application/json", json, StandardCharsets.UTF_8))
                    .send();
            return new Answer(response.getStatus(), response.getContentAsString());
        } catch (TimeoutException e) {
            throw new Unreachable("timed out after " + timeout.toMillis() + " ms", true, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof TimeoutException) {
                throw new Unreachable("timed out after " + timeout.toMillis() + " ms", true, cause);
            }
            throw new Unreachable(cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage()),
                    false, cause);
        }
    }

    @Override
    public void close() {
        try {
            http.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the HTTPS client did not stop", e);
        }
    }
}

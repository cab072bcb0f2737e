package com.valuekiosk.kiosk.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.valuekiosk.wire.ApiPaths;
import com.valuekiosk.wire.ErrorBody;
import com.valuekiosk.wire.Json;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs JSON to one server and turns what happens into an {@link Outcome}, retrying what is safe.
 *
 * <p>Each attempt sends the same bytes. An attempt without a trustworthy answer (I/O error, timeout,
 * 5xx) is retried after the configured backoff, except when retrying cannot help: the server's
 * certificate is not trusted or does not match its address. A 4xx, a 2xx or any other answer is
 * never retried. Bodies are never logged: requests carry card numbers and passwords.
 */
final class JsonCalls implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JsonCalls.class);

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    /** The servers' answers are well under 1 KiB; a bigger one is not theirs. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    private final String server;
    private final HttpUrl base;
    private final OkHttpClient http;
    private final ClientSettings settings;
    private final Sleeper sleeper;

    JsonCalls(String server, URI baseUrl, KioskTls tls, ClientSettings settings, Sleeper sleeper) {
        this.server = Objects.requireNonNull(server, "server");
        this.base = baseUrl(baseUrl);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(tls, "tls");
        this.http = tls.applyTo(new OkHttpClient.Builder())
                // The servers speak HTTP/1.1 only (Jetty without ALPN).
                .protocols(List.of(Protocol.HTTP_1_1))
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.writeTimeout())
                .callTimeout(settings.callTimeout())
                // We decide retries (same request id, bounded); OkHttp must not repeat a POST on its own.
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .eventListenerFactory(call -> {
                    CallPhase phase = call.request().tag(CallPhase.class);
                    return phase != null ? phase : EventListener.NONE;
                })
                .build();
    }

    private static HttpUrl baseUrl(URI uri) {
        Objects.requireNonNull(uri, "baseUrl");
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("server URL must be https: " + uri);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("server URL must not have a query or fragment: " + uri);
        }
        HttpUrl url = HttpUrl.parse(uri.toString());
        if (url == null) {
            throw new IllegalArgumentException("not a usable server URL: " + uri);
        }
        return url;
    }

    /** {@code path} (from ApiPaths) below the base URL, keeping a base path such as {@code /api}. */
    HttpUrl url(String path) {
        String basePath = base.encodedPath().endsWith("/")
                ? base.encodedPath().substring(0, base.encodedPath().length() - 1) : base.encodedPath();
        return base.newBuilder().encodedPath(basePath + path).build();
    }

    /**
     * POSTs {@code request} to {@code path} and reads a {@code T}. {@code label} names the request in
     * logs (a request id, never a card number). {@code check} returns a problem with a 2xx answer
     * that makes it not ours (null when fine).
     */
    <T> Outcome<T> post(String path, String label, Object request, Class<T> answerType, Function<T, String> check) {
        byte[] body;
        try {
            body = Json.mapper().writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a " + request.getClass().getSimpleName() + " could not be serialised", e);
        }
        HttpUrl url = url(path);
        String what = server + " POST " + path + " (" + label + ")";
        int attempts = 1 + settings.retries();
        List<String> reasons = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            Attempt<T> result = once(url, body, answerType, check);
            if (!(result.outcome() instanceof Outcome.Unknown<T> unknown)) {
                if (result.outcome() instanceof Outcome.Refused<T> refused) {
                    log.info("{}: refused {} {}", what, refused.httpStatus(), refused.code());
                } else {
                    log.debug("{}: answered on attempt {}", what, attempt);
                }
                return result.outcome();
            }
            if (!reasons.contains(unknown.reason())) {
                reasons.add(unknown.reason());
            }
            if (!result.retryable() || attempt >= attempts) {
                String reason = attempt > 1 ? String.join("; then ", reasons) + " (after " + attempt + " attempts)"
                        : unknown.reason();
                log.warn("{}: no answer to trust: {}", what, reason);
                return new Outcome.Unknown<>(reason);
            }
            Duration wait = settings.retryBackoff().get(attempt - 1);
            log.info("{}: attempt {} of {} failed ({}); retrying in {} ms", what, attempt, attempts, unknown.reason(),
                    wait.toMillis());
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                String reason = unknown.reason() + " (interrupted before retry " + attempt + ")";
                log.warn("{}: no answer to trust: {}", what, reason);
                return new Outcome.Unknown<>(reason);
            }
        }
    }

    /** {@code GET /health} once, never retried: the server answers over our mutual TLS, or why not. */
    Reachability health() {
        CallPhase phase = new CallPhase();
        Request request = new Request.Builder().url(url(ApiPaths.HEALTH)).tag(CallPhase.class, phase).get().build();
        long started = System.nanoTime();
        try (Response response = http.newCall(request).execute()) {
            long millis = (System.nanoTime() - started) / 1_000_000;
            return response.code() == 200 ? new Reachability(true, millis, null)
                    : new Reachability(false, millis, "answered HTTP " + response.code());
        } catch (IOException e) {
            return new Reachability(false, (System.nanoTime() - started) / 1_000_000, describe(e, phase));
        }
    }

    private record Attempt<T>(Outcome<T> outcome, boolean retryable) {
    }

    private static <T> Attempt<T> unknown(String reason, boolean retryable) {
        return new Attempt<>(new Outcome.Unknown<>(reason), retryable);
    }

    private <T> Attempt<T> once(HttpUrl url, byte[] body, Class<T> answerType, Function<T, String> check) {
        CallPhase phase = new CallPhase();
        Request request = new Request.Builder()
                .url(url)
                .tag(CallPhase.class, phase)
                .header("Accept", "application/json")
                .post(RequestBody.create(body, JSON))
                .build();
        try (Response response = http.newCall(request).execute()) {
            int status = response.code();
            byte[] answer;
            try {
                answer = read(response.body());
            } catch (IOException e) {
                // A 4xx is never repeated (a wrong password would count twice); 2xx and 5xx may be.
                return unknown("HTTP " + status + " answer cut off (" + detail(e) + ")", status < 400 || status >= 500);
            }
            if (answer == null) {
                return unknown("HTTP " + status + " answer larger than " + MAX_ANSWER_BYTES + " bytes", false);
            }
            if (status >= 200 && status < 300) {
                return new Attempt<>(success(status, answer, answerType, check), false);
            }
            if (status >= 400 && status < 500) {
                ErrorBody error = errorBody(answer);
                if (error == null) {
                    // Not our server's "no" (a proxy, a wrong URL): nothing says the request was refused.
                    return unknown("HTTP " + status + " without an error body", false);
                }
                return new Attempt<>(new Outcome.Refused<>(status, error), false);
            }
            if (status >= 500) {
                ErrorBody error = errorBody(answer);
                return unknown("HTTP " + status + (error == null ? "" : " " + error.code()), true);
            }
            return unknown("unexpected HTTP " + status, false);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                return unknown("interrupted " + phase.phase().words() + " (" + detail(e) + ")", false);
            }
            return unknown(describe(e, phase), !isPermanent(e));
        }
    }

    /** The whole body, or null when it exceeds {@link #MAX_ANSWER_BYTES}. */
    private static byte[] read(ResponseBody body) throws IOException {
        BufferedSource source = body.source();
        if (source.request(MAX_ANSWER_BYTES + 1L)) {
            return null;
        }
        return source.getBuffer().readByteArray();
    }

    private <T> Outcome<T> success(int status, byte[] answer, Class<T> type, Function<T, String> check) {
        T value;
        try {
            value = Json.mapper().readValue(answer, type);
        } catch (IOException e) {
            // Jackson's message may quote the body: only the field path and the kind of problem.
            return new Outcome.Unknown<>("unreadable HTTP " + status + " answer: " + parseProblem(e));
        }
        if (value == null) {
            return new Outcome.Unknown<>("HTTP " + status + " answer is JSON null");
        }
        String problem = check.apply(value);
        if (problem != null) {
            return new Outcome.Unknown<>("HTTP " + status + " answer does not match the request: " + problem);
        }
        return new Outcome.Success<>(value);
    }

    private static ErrorBody errorBody(byte[] answer) {
        try {
            ErrorBody error = Json.mapper().readValue(answer, ErrorBody.class);
            return error == null || error.code() == null ? null : error;
        } catch (IOException e) {
            return null;
        }
    }

    private static String parseProblem(IOException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String path = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return e.getClass().getSimpleName() + " at '" + path + "'";
        }
        return e.getClass().getSimpleName();
    }

    /** Retrying cannot cure these: we do not trust the server's certificate, or it is not for this address. */
    private static boolean isPermanent(IOException e) {
        if (e instanceof SSLPeerUnverifiedException) {
            return true;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }

    private static String detail(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private String describe(IOException e, CallPhase phase) {
        String detail = detail(e);
        String where = base.host() + ":" + base.port();
        if (e instanceof SSLPeerUnverifiedException) {
            return "TLS: the " + server + " server's certificate is not valid for " + where + " (" + detail + ")";
        }
        if (isPermanent(e)) {
            return "TLS handshake failed: the " + server + " server's certificate is not trusted (" + detail + ")";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + base.host() + " (" + detail + ")";
        }
        boolean timeout = e instanceof SocketTimeoutException || e instanceof InterruptedIOException;
        switch (phase.phase()) {
            case CONNECTING:
                return (timeout ? "timed out connecting to " : "cannot connect to ") + where + " (" + detail + ")";
            case TLS_HANDSHAKE:
                return timeout ? "timed out in the TLS handshake with " + where + " (" + detail + ")"
                        : "TLS handshake with " + where + " failed (" + detail + ")";
            default:
                break;
        }
        String stage = phase.phase().words();
        if (e instanceof SSLHandshakeException) {
            // TLS 1.3: the server judges the kiosk's certificate after the client's side of the handshake is done.
            return "TLS handshake with " + where + " failed, " + stage + " (" + detail + ")";
        }
        if (phase.handshakeDone() && !timeout && phase.phase() != CallPhase.Phase.READING
                && (e instanceof SSLException || e instanceof java.net.SocketException)) {
            return "connection to " + where + " closed " + stage + " right after the TLS handshake; the server may"
                    + " have refused this kiosk's certificate (" + detail + ")";
        }
        return (timeout ? "timed out " : "connection to " + where + " failed ") + stage
                + (timeout ? " from " + where : "") + " (" + detail + ")";
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}

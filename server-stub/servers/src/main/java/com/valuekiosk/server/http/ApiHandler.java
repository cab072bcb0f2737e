package com.valuekiosk.server.http;

import com.valuekiosk.pki.PeerIdentity;
import com.valuekiosk.server.service.Refused;
import com.valuekiosk.wire.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of a server, and the only class that handles Jetty's requests: finds the route, identifies the caller by the certificate TLS
 * verified, checks its role and registration, reads a bounded JSON body, and turns every outcome
 * — a service's {@link Refused}, this layer's {@link ApiException}, and bugs — into a JSON answer
 * with a stable error code. One log line and one measurement per request: {@value #REQUESTS}
 * (a timer with a histogram, by route template, method and status) and {@value #ERRORS} (by error
 * code). Raw paths never become labels: a path that is no route is counted as {@value #UNMATCHED}.
 */
public final class ApiHandler extends Handler.Abstract {

    /** Every request body of the API is well under 1 KiB; 64 KiB leaves room and stops floods early. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** A body above the limit is read and dropped up to this size; beyond it the connection is closed. */
    private static final long MAX_DRAINED_BYTES = 16L * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);

    /** Requests answered: a timer by {@code route}, {@code method}, {@code status}. */
    public static final String REQUESTS = "valuekiosk.http.requests";
    /** Error answers by {@code code} (our {@link ErrorCode}). */
    public static final String ERRORS = "valuekiosk.http.errors";
    /** The {@code route} label of a request for a path that is no route. */
    public static final String UNMATCHED = "unmatched";
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "TRACE");

    private final String serverName;
    private final ClientRegistry clients;
    private final HttpLimits limits;
    private final MeterRegistry metrics;
    /** The meters already registered, by label values: registering looks a meter up by its sorted tags, every time. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> errorCounters = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Route>> routes = new HashMap<>();

    public ApiHandler(String serverName, ClientRegistry clients, List<Route> routes) {
        this(serverName, clients, routes, HttpLimits.defaults());
    }

    /** Without metrics (an empty registry records nothing). */
    public ApiHandler(String serverName, ClientRegistry clients, List<Route> routes, HttpLimits limits) {
        this(serverName, clients, routes, limits, new CompositeMeterRegistry());
    }

    public ApiHandler(String serverName, ClientRegistry clients, List<Route> routes, HttpLimits limits, MeterRegistry metrics) {
        this.serverName = serverName;
        this.clients = clients;
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
        this.metrics = java.util.Objects.requireNonNull(metrics, "metrics");
        for (Route route : routes) {
            this.routes.computeIfAbsent(route.path(), path -> new HashMap<>()).put(route.method(), route);
        }
    }

    /** Where this server's requests are recorded; the HTTP layer's refusals are counted there too. */
    MeterRegistry metrics() {
        return metrics;
    }

    /** What this server grants its clients. */
    public HttpLimits limits() {
        return limits;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long started = System.nanoTime();
        String method = request.getMethod();
        String path = Request.getPathInContext(request);
        PeerIdentity peer = null;
        Reply reply;
        try {
            peer = peer(request);
            reply = dispatch(request, method, path, peer);
        } catch (ApiException e) {
            reply = Reply.error(e.code(), e.getMessage());
        } catch (Refused e) {
            reply = Reply.error(e.code(), e.getMessage());
        } catch (RuntimeException e) {
            // Logged once here, where it is finally handled; the client gets no internals.
            log.error("{} {} {} failed", serverName, loggableMethod(method), loggablePath(path), e);
            reply = Reply.error(ErrorCode.INTERNAL_ERROR, "internal error; the request may be retried with the same request id");
        }
        long elapsed = System.nanoTime() - started;
        log.info("{} {} {} {} -> {} in {} ms", serverName, loggableMethod(method), loggablePath(path),
                peer == null ? "-" : peer.role() + "/" + peer.name(),
                reply.status(), elapsed / 1_000_000);
        record(method, path, reply, elapsed);
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(reply.json()), callback);
        return true;
    }

    /** Labels are bounded: a route template or {@value #UNMATCHED}, a standard method or OTHER, a status, a code. */
    private void record(String method, String path, Reply reply, long elapsedNanos) {
        String route = routes.containsKey(path) ? path : UNMATCHED;
        String knownMethod = METHODS.contains(method) ? method : "OTHER";
        String status = Integer.toString(reply.status());
        timers.computeIfAbsent(route + ' ' + knownMethod + ' ' + status, key -> Timer.builder(REQUESTS)
                .description("Requests answered, by route template, method and status")
                .tags("route", route, "method", knownMethod, "status", status)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(metrics))
                .record(elapsedNanos, TimeUnit.NANOSECONDS);
        if (reply.errorCode() != null) {
            String code = reply.errorCode().name();
            errorCounters.computeIfAbsent(code + ' ' + route, key -> Counter.builder(ERRORS)
                    .description("Error answers, by error code and route template")
                    .tags("code", code, "route", route)
                    .register(metrics))
                    .increment();
        }
    }

    private Reply dispatch(Request request, String method, String path, PeerIdentity peer) {
        Map<String, Route> byMethod = routes.get(path);
        if (byMethod == null) {
            throw ApiException.refused(ErrorCode.NOT_FOUND, "no endpoint " + Echo.of(path));
        }
        Route route = byMethod.get(method);
        if (route == null) {
            throw ApiException.refused(ErrorCode.METHOD_NOT_ALLOWED, path + " answers " + String.join(", ", byMethod.keySet()));
        }
        if (!route.allowedRoles().contains(peer.role())) {
            throw ApiException.refused(ErrorCode.FORBIDDEN_FOR_ROLE, "a " + peer.role() + " certificate may not call " + path);
        }
        if (!clients.isKnown(peer)) {
            throw ApiException.refused(ErrorCode.UNKNOWN_CLIENT, peer.role() + " " + peer.name() + " is not registered or not active");
        }
        byte[] body = "POST".equals(method) ? readBody(request) : new byte[0];
        return route.endpoint().handle(new Call(peer, body));
    }

    /**
     * The method and path as a log line may show them: ours as they are, anything else through
     * {@link Echo} (masked, bounded, escaped).
     */
    private static String loggableMethod(String method) {
        return METHODS.contains(method) ? method : Echo.of(method);
    }

    private String loggablePath(String path) {
        return routes.containsKey(path) ? path : Echo.of(path);
    }

    /** Where a TLS session keeps the identity read from its client certificate. */
    private static final String PEER_IN_SESSION = PeerIdentity.class.getName();

    private static PeerIdentity peer(Request request) {
        EndPoint.SslSessionData ssl = (EndPoint.SslSessionData) request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
        X509Certificate[] chain = ssl == null ? null : ssl.peerCertificates();
        if (chain == null || chain.length == 0) {
            // TLS requires a client certificate, so this means a misconfigured connector.
            throw ApiException.refused(ErrorCode.UNKNOWN_CLIENT, "no client certificate");
        }
        // Reading the subject's name is most of the work, and a keep-alive connection presents the same
        // certificate on every request: the identity is kept with the TLS session, beside its certificate.
        SSLSession session = ssl.sslSession();
        Object kept = session == null ? null : session.getValue(PEER_IN_SESSION);
        if (kept instanceof KnownPeer && ((KnownPeer) kept).certificate().equals(chain[0])) {
            return ((KnownPeer) kept).identity();
        }
        PeerIdentity identity;
        try {
            identity = PeerIdentity.of(chain[0]);
        } catch (IllegalArgumentException e) {
            throw ApiException.refused(ErrorCode.UNKNOWN_CLIENT, e.getMessage());
        }
        if (session != null) {
            session.putValue(PEER_IN_SESSION, new KnownPeer(chain[0], identity));
        }
        return identity;
    }

    private record KnownPeer(X509Certificate certificate, PeerIdentity identity) {
    }

    private byte[] readBody(Request request) {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw ApiException.refused(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json");
        }
        if (!isUtf8(type)) {
            throw ApiException.refused(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "the body must be UTF-8 (charset=utf-8 or no charset)");
        }
        long started = System.nanoTime();
        try (InputStream in = Request.asInputStream(request)) {
            ByteArrayOutputStream body = new ByteArrayOutputStream(Math.max(0, (int) Math.min(request.getLength(), 4096)));
            byte[] buffer = new byte[4096];
            int read;
            while ((read = in.read(buffer, 0, (int) Math.min(buffer.length, MAX_BODY_BYTES + 1L - body.size()))) > 0) {
                body.write(buffer, 0, read);
                if (body.size() > MAX_BODY_BYTES) {
                    drain(in, request.getLength() - body.size(), started, body.size());
                    throw ApiException.refused(ErrorCode.BODY_TOO_LARGE, "the body may be at most " + MAX_BODY_BYTES + " bytes");
                }
                if (body.size() == request.getLength()) {
                    break; // complete: however late it came, it is here
                }
                String slow = tooSlow(started, body.size());
                if (slow != null) {
                    throw ApiException.refused(ErrorCode.MALFORMED_JSON, "the request body could not be read: " + slow);
                }
            }
            return body.toByteArray();
        } catch (IOException e) {
            throw ApiException.refused(ErrorCode.MALFORMED_JSON, "the request body could not be read");
        }
    }

    /**
     * Reads and drops the rest of a body that is too large (within reason, and only while it keeps
     * pace), so that a client still sending it gets the answer. What is left unread makes Jetty close
     * the connection after the answer.
     */
    private void drain(InputStream in, long declaredRest, long started, long alreadyRead) throws IOException {
        long remaining = Math.min(Math.max(declaredRest, 0), MAX_DRAINED_BYTES);
        long total = alreadyRead;
        byte[] buffer = new byte[8192];
        int read;
        while (remaining > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining))) > 0) {
            remaining -= read;
            total += read;
            if (tooSlow(started, total) != null) {
                return;
            }
        }
    }

    /**
     * Why a body that has brought {@code bytes} since {@code started} is too slow to wait for, or
     * null: past the read deadline, or below the minimum rate once the grace period is over.
     * Refusing it frees the thread that reads it.
     */
    private String tooSlow(long started, long bytes) {
        long elapsed = System.nanoTime() - started;
        if (elapsed > limits.bodyReadDeadline().toNanos()) {
            return "the body did not arrive within " + limits.bodyReadDeadline().toMillis() + " ms";
        }
        if (elapsed > limits.bodyGracePeriod().toNanos() && bytes * 1_000_000_000L / elapsed < limits.minBodyBytesPerSecond()) {
            return "the body arrived slower than " + limits.minBodyBytesPerSecond() + " bytes/s";
        }
        return null;
    }

    /** {@code application/json} with no charset, or with {@code charset=utf-8} (any case, quoted or not). */
    private static boolean isUtf8(String contentType) {
        for (String parameter : contentType.split(";")) {
            String[] nameValue = parameter.trim().split("=", 2);
            if (nameValue.length == 2 && nameValue[0].trim().equalsIgnoreCase("charset")) {
                String charset = nameValue[1].trim().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8")) {
                    return false;
                }
            }
        }
        return true;
    }
}

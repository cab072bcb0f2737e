package com.valuekiosk.server.http;

import com.valuekiosk.pki.PeerIdentity;
import com.valuekiosk.server.service.Refused;
import com.valuekiosk.wire.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * with a stable error code. One log line per request.
 */
public final class ApiHandler extends Handler.Abstract {

    /** Every request body of the API is well under 1 KiB; 64 KiB leaves room and stops floods early. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** A body above the limit is read and dropped up to this size; beyond it the connection is closed. */
    private static final long MAX_DRAINED_BYTES = 16L * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);

    private final String serverName;
    private final ClientRegistry clients;
    private final Map<String, Map<String, Route>> routes = new HashMap<>();

    public ApiHandler(String serverName, ClientRegistry clients, List<Route> routes) {
        this.serverName = serverName;
        this.clients = clients;
        for (Route route : routes) {
            this.routes.computeIfAbsent(route.path(), path -> new HashMap<>()).put(route.method(), route);
        }
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
            log.error("{} {} {} failed", serverName, method, path, e);
            reply = Reply.error(ErrorCode.INTERNAL_ERROR, "internal error; the request may be retried with the same request id");
        }
        log.info("{} {} {} {} -> {} in {} ms", serverName, method, path, peer == null ? "-" : peer.role() + "/" + peer.name(),
                reply.status(), (System.nanoTime() - started) / 1_000_000);
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(reply.json()), callback);
        return true;
    }

    private Reply dispatch(Request request, String method, String path, PeerIdentity peer) {
        Map<String, Route> byMethod = routes.get(path);
        if (byMethod == null) {
            throw ApiException.refused(ErrorCode.NOT_FOUND, "no endpoint " + path);
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

    private static PeerIdentity peer(Request request) {
        EndPoint.SslSessionData ssl = (EndPoint.SslSessionData) request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
        X509Certificate[] chain = ssl == null ? null : ssl.peerCertificates();
        if (chain == null || chain.length == 0) {
            // TLS requires a client certificate, so this means a misconfigured connector.
            throw ApiException.refused(ErrorCode.UNKNOWN_CLIENT, "no client certificate");
        }
        try {
            return PeerIdentity.of(chain[0]);
        } catch (IllegalArgumentException e) {
            throw ApiException.refused(ErrorCode.UNKNOWN_CLIENT, e.getMessage());
        }
    }

    private static byte[] readBody(Request request) {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw ApiException.refused(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json");
        }
        try (InputStream in = Request.asInputStream(request)) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                // Read the rest (within reason) so that the client, still sending, gets the answer.
                in.skipNBytes(Math.min(Math.max(request.getLength() - body.length, 0), MAX_DRAINED_BYTES));
                throw ApiException.refused(ErrorCode.BODY_TOO_LARGE, "the body may be at most " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw ApiException.refused(ErrorCode.MALFORMED_JSON, "the request body could not be read");
        }
    }
}

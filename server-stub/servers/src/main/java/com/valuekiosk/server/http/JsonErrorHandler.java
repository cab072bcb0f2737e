package com.valuekiosk.server.http;

import com.valuekiosk.wire.ErrorBody;
import com.valuekiosk.wire.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers what Jetty refuses before {@link ApiHandler} sees a request (a bad request line, an
 * ambiguous URI, a URI or headers too large, an unknown HTTP version) and any failure Jetty reports
 * itself, the way the API answers everything: an {@link ErrorBody} in JSON, one log line. Neither
 * the answer nor the log repeats Jetty's reason, which may quote the request (and a card number in
 * it); the log names the path through {@link Echo}.
 */
final class JsonErrorHandler extends ErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(JsonErrorHandler.class);

    /** Requests the HTTP layer refused before they reached the API, by status (API.md §4.9). */
    static final String REFUSED = "valuekiosk.http.refused";

    private final String serverName;
    private final MeterRegistry metrics;

    JsonErrorHandler(String serverName, MeterRegistry metrics) {
        this.serverName = serverName;
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException http) {
            status = http.getCode();
        }
        if (status < 400 || status > 599) {
            status = 500;
        }
        HttpURI uri = request.getHttpURI();
        log.info("{} {} {} - -> {} refused by the HTTP layer", serverName, Echo.of(request.getMethod()),
                uri == null ? "-" : Echo.of(uri.getPath()), status);
        Counter.builder(REFUSED).description("Requests refused by the HTTP layer before the API saw them")
                .tag("status", Integer.toString(status)).register(metrics).increment();
        Reply reply = Reply.error(codeFor(status), messageFor(status));
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(reply.json()), callback);
        return true;
    }

    static ErrorCode codeFor(int status) {
        return switch (status) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.BODY_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.INVALID_REQUEST;
        };
    }

    static String messageFor(int status) {
        return switch (status) {
            case 400 -> "the request is not valid HTTP/1.1 or its URI is ambiguous";
            case 408 -> "the request took too long to arrive";
            case 413 -> "the request is too large";
            case 414 -> "the request URI is too long";
            case 431 -> "the request headers are too large";
            case 505 -> "only HTTP/1.1 is supported";
            default -> status >= 500 ? "internal error; the request may be retried with the same request id"
                    : "the request was refused (HTTP " + status + ")";
        };
    }
}

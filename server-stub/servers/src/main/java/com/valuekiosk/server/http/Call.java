package com.valuekiosk.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.valuekiosk.pki.PeerIdentity;
import com.valuekiosk.wire.ErrorCode;
import com.valuekiosk.wire.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/** One request as an endpoint sees it: who sent it (from the TLS certificate) and its body. */
public record Call(PeerIdentity peer, byte[] body) {

    /**
     * Parses the body strictly. Error messages name the field and the problem, never the value
     * that was sent: it may be a card number or a password.
     */
    public <T> T body(Class<T> type) {
        if (body.length == 0) {
            throw ApiException.refused(ErrorCode.MALFORMED_JSON, "the request body is empty; a JSON object is expected");
        }
        requireUtf8(body);
        try {
            T value = Json.mapper().readValue(body, type);
            if (value == null) {
                throw ApiException.refused(ErrorCode.MALFORMED_JSON, "the request body is JSON null; a JSON object is expected");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.refused(ErrorCode.INVALID_REQUEST, "unknown field '" + Echo.of(e.getPropertyName()) + "'");
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause();
            String reason = cause instanceof IllegalArgumentException ? cause.getMessage() : "invalid value";
            throw ApiException.refused(ErrorCode.INVALID_REQUEST, reason);
        } catch (InvalidFormatException e) {
            throw ApiException.refused(ErrorCode.INVALID_REQUEST, "field '" + path(e) + "' has an invalid value for its type");
        } catch (MismatchedInputException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")) {
                throw ApiException.refused(ErrorCode.MALFORMED_JSON, "the request body is not valid JSON: something follows the object");
            }
            String field = path(e);
            throw ApiException.refused(ErrorCode.INVALID_REQUEST, field.isEmpty()
                    ? "the body must be a JSON object of the documented shape"
                    : "field '" + field + "' is missing or has the wrong type");
        } catch (InputCoercionException e) {
            throw ApiException.refused(ErrorCode.INVALID_REQUEST, "a number is out of range for its field");
        } catch (JsonMappingException e) {
            // For example a number too large for its field, wrapped with the field's path.
            throw ApiException.refused(ErrorCode.INVALID_REQUEST, "field '" + path(e) + "' is out of range or invalid");
        } catch (JsonProcessingException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
                throw ApiException.refused(ErrorCode.MALFORMED_JSON, "the request body is not valid JSON: a field appears twice in one object");
            }
            throw ApiException.refused(ErrorCode.MALFORMED_JSON, "the request body is not valid JSON");
        } catch (IOException e) {
            throw ApiException.refused(ErrorCode.MALFORMED_JSON, "the request body could not be read");
        }
    }

    private static String path(JsonMappingException e) {
        return Echo.of(e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")));
    }

    /**
     * Refuses a body that is not UTF-8 (UTF-16, Latin-1, broken sequences). Jackson would otherwise
     * guess UTF-16 or UTF-32 from zero bytes, so a zero byte is refused too: JSON has no place for
     * one, in UTF-8 it can only come from another encoding.
     */
    private static void requireUtf8(byte[] body) {
        for (byte b : body) {
            if (b == 0) {
                throw notUtf8();
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw notUtf8();
        }
    }

    private static ApiException notUtf8() {
        return ApiException.refused(ErrorCode.MALFORMED_JSON, "the request body is not valid UTF-8");
    }
}

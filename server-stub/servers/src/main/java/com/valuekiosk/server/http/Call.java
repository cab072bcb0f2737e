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
        try {
            T value = Json.mapper().readValue(body, type);
            if (value == null) {
                throw ApiException.refused(ErrorCode.MALFORMED_JSON, "the request body is JSON null; a JSON object is expected");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.refused(ErrorCode.INVALID_REQUEST, "unknown field '" + e.getPropertyName() + "'");
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
            throw ApiException.refused(ErrorCode.MALFORMED_JSON, "the request body is not valid JSON");
        } catch (IOException e) {
            throw ApiException.refused(ErrorCode.MALFORMED_JSON, "the request body could not be read");
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}

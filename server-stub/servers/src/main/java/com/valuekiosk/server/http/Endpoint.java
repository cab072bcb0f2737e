package com.valuekiosk.server.http;

/** Handles one call and answers; throws {@link ApiException} to refuse. */
@FunctionalInterface
public interface Endpoint {

    Reply handle(Call call);
}

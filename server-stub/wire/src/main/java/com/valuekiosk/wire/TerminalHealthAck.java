package com.valuekiosk.wire;

import java.time.Instant;

/** The e-money server kept the report as the terminal's latest ({@code receivedAt} by the server's clock). */
public record TerminalHealthAck(String terminalId, Instant receivedAt) {
}

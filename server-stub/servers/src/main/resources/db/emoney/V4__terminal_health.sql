-- Each terminal's latest health report (POST /v1/terminals/health): the figures the metrics and the
-- operator's `terminals` command show, and the report as received (JSON, bounded by the request limit).
-- One row per terminal, replaced by each report; no card data is ever in it.
CREATE TABLE terminal_health (
    terminal_id         VARCHAR(64)  PRIMARY KEY,
    received_at         TIMESTAMP    NOT NULL,
    observed_at         TIMESTAMP    NOT NULL,
    readers_not_ready   INTEGER      NOT NULL,
    servers_unreachable INTEGER      NOT NULL,
    open_transactions   INTEGER      NOT NULL,
    oldest_open_seconds BIGINT       NOT NULL,
    journal_bytes       BIGINT       NOT NULL,
    report              VARCHAR(8000) NOT NULL
);

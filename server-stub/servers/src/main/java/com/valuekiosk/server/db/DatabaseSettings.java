package com.valuekiosk.server.db;

import java.nio.file.Path;

/** Where a server's database is: a JDBC URL and, for PostgreSQL, the account. */
public record DatabaseSettings(String jdbcUrl, String user, String password) {

    public static DatabaseSettings h2(Path file) {
        return new DatabaseSettings(Database.h2File(file), null, null);
    }

    public Database open(String schema) {
        return Database.open(jdbcUrl, user, password, schema, null);
    }

    /** Opens it with the pool's metrics (connections, waits, timeouts) recorded in {@code metrics}. */
    public Database open(String schema, io.micrometer.core.instrument.MeterRegistry metrics) {
        return Database.open(jdbcUrl, user, password, schema, metrics);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + jdbcUrl + (user == null ? "" : ", user=" + user) + "]";
    }
}

package com.valuekiosk.server.db;

import java.sql.SQLException;

/** The database failed. The message carries the SQL state only: driver messages may quote values. */
public final class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StorageException(SQLException cause) {
        super("database error, SQL state " + (cause == null ? "unknown" : cause.getSQLState()), cause);
    }
}

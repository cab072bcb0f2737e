package com.valuekiosk.pki;

/**
 * The development PKI cannot do what was asked: a file is missing, unreadable or already there, a
 * password is wrong, a certificate was never issued. The message names the file or the id concerned
 * and never contains key material or passwords.
 */
public class PkiException extends RuntimeException {

    public PkiException(String message) {
        super(message);
    }

    public PkiException(String message, Throwable cause) {
        super(message, cause);
    }
}

package com.valuekiosk.server.cli;

import com.valuekiosk.card.host.Bytes;
import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.pki.DevPki;
import com.valuekiosk.server.db.DatabaseSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * Where the servers keep things, shared by every subcommand: the data directory (H2 files and
 * the PKI by default), database URLs, the PKI and the issuer master keys. Secrets come from the
 * environment, never from the command line, where other users could read them.
 */
final class Locations {

    private static final Logger log = LoggerFactory.getLogger(Locations.class);

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory: H2 databases and the PKI unless set otherwise (default: ${DEFAULT-VALUE}).")
    Path dataDirectory = defaultDataDirectory();

    @Option(names = "--credit-db", paramLabel = "JDBC_URL",
            description = "Credit company server database (default: H2 file credit in the data directory).")
    String creditDatabase;

    @Option(names = "--emoney-db", paramLabel = "JDBC_URL",
            description = "E-money server database (default: H2 file emoney in the data directory).")
    String emoneyDatabase;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user (PostgreSQL); password from VALUEKIOSK_DB_PASSWORD.")
    String databaseUser;

    @Option(names = "--pki-dir", paramLabel = "DIR", description = "PKI directory (default: pki in the data directory).")
    Path pkiDirectory;

    @Option(names = "--issuer-keys", paramLabel = "FILE",
            description = "Issuer master keys: a properties file with purchaseCryptogram, purseCredit and purseDebit as 32 hex digits."
                    + " Without it the development keys are used.")
    Path issuerKeys;

    static Path defaultDataDirectory() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("valuekiosk").resolve("servers");
    }

    DatabaseSettings credit() {
        return database(creditDatabase, "credit");
    }

    DatabaseSettings emoney() {
        return database(emoneyDatabase, "emoney");
    }

    private DatabaseSettings database(String url, String name) {
        if (url == null) {
            return DatabaseSettings.h2(dataDirectory.resolve(name));
        }
        if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("--" + name + "-db must be a jdbc:postgresql: or jdbc:h2: URL");
        }
        return new DatabaseSettings(url, databaseUser, System.getenv("VALUEKIOSK_DB_PASSWORD"));
    }

    Path pki() {
        return pkiDirectory != null ? pkiDirectory : dataDirectory.resolve("pki");
    }

    static char[] storePassword() {
        String password = System.getenv("VALUEKIOSK_STORE_PASSWORD");
        return (password == null || password.isEmpty() ? DevPki.DEFAULT_PASSWORD : password).toCharArray();
    }

    IssuerMasterKeys issuerMasterKeys() {
        if (issuerKeys == null) {
            log.warn("using the development issuer master keys: fine for demo cards, never for real ones");
            return IssuerMasterKeys.demo();
        }
        Properties keys = new Properties();
        try (InputStream in = Files.newInputStream(issuerKeys)) {
            keys.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --issuer-keys " + issuerKeys + ": " + e.getMessage());
        }
        return IssuerMasterKeys.of(key(keys, "purchaseCryptogram"), key(keys, "purseCredit"), key(keys, "purseDebit"));
    }

    private byte[] key(Properties keys, String name) {
        String hex = keys.getProperty(name);
        if (hex == null || !hex.trim().matches("[0-9A-Fa-f]{32}")) {
            throw new IllegalArgumentException(issuerKeys + ": " + name + " must be 32 hex digits (an AES-128 key)");
        }
        return Bytes.fromHex(hex.trim());
    }
}

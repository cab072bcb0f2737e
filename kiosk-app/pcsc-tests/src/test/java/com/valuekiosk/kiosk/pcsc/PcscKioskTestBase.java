package com.valuekiosk.kiosk.pcsc;

import com.valuekiosk.pki.DevPki;
import com.valuekiosk.server.testing.ServersFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the tests on the real PC/SC stack share: one private pcscd per test class (started again for a test if an
 * earlier one stopped it), the servers' development PKI, and per test a kiosk whose cards sit behind vpcd
 * ({@link PcscKiosk}), its readers seen by pcscd before the test begins.
 */
abstract class PcscKioskTestBase {

    @TempDir
    static Path shared;
    static DevPki pki;
    static Pcscd pcscd;

    @TempDir
    Path directory;
    PcscKiosk kiosk;

    @BeforeAll
    static void startPcscd() throws Exception {
        pki = ServersFixture.pki(shared);
        pcscd = new Pcscd();
        pcscd.start();
    }

    @AfterAll
    static void stopPcscd() throws Exception {
        if (pcscd != null) {
            pcscd.close();
        }
    }

    @BeforeEach
    void startKiosk() throws Exception {
        if (!pcscd.isRunning()) {
            pcscd.start();
        }
        kiosk = new PcscKiosk(pcscd, pki, directory);
        kiosk.awaitReaders();
    }

    @AfterEach
    void closeKiosk() throws Exception {
        kiosk.close();
    }

    /** The site's configuration, as KioskMainTest writes it, with the vpcd readers by a part of their names. */
    Path writeSite() throws Exception {
        Path site = Files.createDirectories(directory.resolve("site"));
        Files.copy(pki.terminalKeyStore(ServersFixture.KIOSK), site.resolve("terminal.p12"));
        Files.copy(pki.trustStore(), site.resolve("truststore.p12"));
        Path password = site.resolve("keystore.password");
        Files.writeString(password, String.valueOf(pki.storePassword()) + "\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        Path file = site.resolve("valuekiosk.properties");
        Files.writeString(file, String.join("\n",
                "credit.url=" + kiosk.servers.creditUri(),
                "emoney.url=" + kiosk.servers.emoneyUri(),
                "terminal.id=" + ServersFixture.KIOSK,
                "reader.contact=vpcd 00 00",
                "reader.contactless=vpcd 00 01",
                "data.dir=data",
                ""), StandardCharsets.UTF_8);
        return file;
    }
}

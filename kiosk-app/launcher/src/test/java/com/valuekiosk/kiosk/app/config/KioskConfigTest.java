package com.valuekiosk.kiosk.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.valuekiosk.kiosk.flow.SaleSettings;
import com.valuekiosk.kiosk.ui.shell.AttendantCode;
import com.valuekiosk.pki.DevPki;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every setting of the configuration file: its default, a good value, and each way it can be wrong. */
class KioskConfigTest {

    private static final String PASSWORD = "s3cret-store-pass";
    /** A real hash of an attendant code, as `valuekiosk hash-attendant-code` writes it. */
    private static final String ATTENDANT_CODE_HASH = AttendantCode.hash("24681357".toCharArray());

    @TempDir
    static Path pkiHome;
    private static DevPki pki;

    @TempDir
    Path site;
    private Path dataHome;
    private final Map<String, String> settings = new LinkedHashMap<>();

    @BeforeAll
    static void makePki() {
        pki = DevPki.create(pkiHome.resolve("pki"), PASSWORD.toCharArray(), List.of("KIOSK001", "KIOSK002"));
    }

    /** A minimal valid site: stores next to the file (the defaults), the three required keys. */
    @BeforeEach
    void minimalSite() throws IOException {
        Files.copy(pki.terminalKeyStore("KIOSK001"), site.resolve("terminal.p12"));
        Files.copy(pki.trustStore(), site.resolve("truststore.p12"));
        writeOwnerOnly(site.resolve("keystore.password"), PASSWORD + "\n");
        dataHome = site.resolve("home-data");
        settings.put("terminal.id", "KIOSK001");
        settings.put("reader.contact", "ACS ACR39U");
        settings.put("reader.contactless", "SONY FeliCa RC-S380");
    }

    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private Path write() throws IOException {
        Path file = site.resolve("valuekiosk.properties");
        String text = settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "# a site\n", "\n"));
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private KioskConfig load() throws IOException {
        return KioskConfig.load(write(), dataHome);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> rejects(String setting) throws IOException {
        Path file = write();
        return assertThatThrownBy(() -> KioskConfig.load(file, dataHome))
                .isInstanceOf(KioskConfigException.class)
                .hasFieldOrPropertyWithValue("setting", setting)
                .hasMessageStartingWith(setting + ": ");
    }

    // --- the whole file -------------------------------------------------------------------------------------

    @Test
    void aMinimalFileGetsTheDocumentedDefaults() throws IOException {
        KioskConfig config = load();

        assertThat(config.creditUrl()).isEqualTo(URI.create("https://127.0.0.1:8443"));
        assertThat(config.emoneyUrl()).isEqualTo(URI.create("https://127.0.0.1:8444"));
        assertThat(config.keyStore()).isEqualTo(site.resolve("terminal.p12"));
        assertThat(config.passwordFile()).isEqualTo(site.resolve("keystore.password"));
        assertThat(config.trustStore()).isEqualTo(site.resolve("truststore.p12"));
        assertThat(config.terminalId()).isEqualTo("KIOSK001");
        assertThat(config.contactReader()).isEqualTo(ReaderChoice.pcsc("ACS ACR39U"));
        assertThat(config.contactlessReader()).isEqualTo(ReaderChoice.pcsc("SONY FeliCa RC-S380"));
        assertThat(config.locale()).isEqualTo(Locale.JAPAN);
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.kioskMode()).isFalse();
        assertThat(config.attendantCodeHash()).isEmpty();
        assertThat(config.receiptPrinter()).isEmpty();
        assertThat(config.audioMuted()).isFalse();
        assertThat(config.homeTerminal()).isFalse();
        assertThat(config.dataDirectory()).isEqualTo(dataHome.resolve("valuekiosk/kiosk"));
        assertThat(config.receiptDirectory()).isEqualTo(dataHome.resolve("valuekiosk/kiosk/receipts"));
        assertThat(config.sale()).isEqualTo(SaleSettings.yen());
    }

    @Test
    void everySettingCanBeSet() throws IOException {
        Path stores = Files.createDirectories(site.resolve("tls"));
        Files.copy(pki.terminalKeyStore("KIOSK001"), stores.resolve("kiosk.p12"));
        Files.copy(pki.trustStore(), stores.resolve("ca.p12"));
        writeOwnerOnly(stores.resolve("pass"), PASSWORD);
        settings.put("credit.url", "https://credit.example.jp:9443/api");
        settings.put("emoney.url", "https://emoney.example.jp");
        settings.put("tls.keystore", "tls/kiosk.p12");
        settings.put("tls.keystore.password.file", stores.resolve("pass").toString());
        settings.put("tls.truststore", "tls/ca.p12");
        settings.put("currency", "eur");
        settings.put("purchase.minimum", "500");
        settings.put("purchase.maximum", "20000");
        settings.put("purchase.presets", "1000, 2500,5000");
        settings.put("time.zone", "Europe/Paris");
        settings.put("language", "en");
        settings.put("idle.timeout", "PT2M");
        settings.put("kiosk.mode", "true");
        settings.put("attendant.code.hash", ATTENDANT_CODE_HASH);
        settings.put("receipt.printer", "EPSON TM-T88VI");
        settings.put("receipt.directory", "receipts");
        settings.put("audio.muted", "TRUE");
        settings.put("data.dir", "data");

        KioskConfig config = load();

        assertThat(config.creditUrl()).isEqualTo(URI.create("https://credit.example.jp:9443/api"));
        assertThat(config.emoneyUrl()).isEqualTo(URI.create("https://emoney.example.jp"));
        assertThat(config.keyStore()).isEqualTo(stores.resolve("kiosk.p12"));
        assertThat(config.passwordFile()).isEqualTo(stores.resolve("pass"));
        assertThat(config.trustStore()).isEqualTo(stores.resolve("ca.p12"));
        assertThat(config.locale()).isEqualTo(Locale.US);
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.kioskMode()).isTrue();
        assertThat(config.attendantCodeHash()).hasValue(ATTENDANT_CODE_HASH);
        assertThat(config.receiptPrinter()).hasValue("EPSON TM-T88VI");
        assertThat(config.receiptDirectory()).isEqualTo(site.resolve("receipts"));
        assertThat(config.audioMuted()).isTrue();
        assertThat(config.dataDirectory()).isEqualTo(site.resolve("data"));
        assertThat(config.sale()).isEqualTo(new SaleSettings(Currency.getInstance("EUR"), 500, 20_000,
                List.of(1_000L, 2_500L, 5_000L), ZoneId.of("Europe/Paris")));
        assertThat(config.credentials().openTls()).isNotNull();
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = site.resolve("nowhere.properties");
        assertThatThrownBy(() -> KioskConfig.load(missing, dataHome)).isInstanceOf(KioskConfigException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
    }

    @Test
    void anUnknownKeyIsNamedWithTheKeyItWasProbablyMeantToBe() throws IOException {
        settings.put("idle.timout", "90");
        rejects("idle.timout").hasMessageContaining("unknown setting").hasMessageContaining("did you mean idle.timeout?");
    }

    @Test
    void anUnknownKeyFarFromAnyListsTheSettings() throws IOException {
        settings.put("colour.scheme", "dark");
        rejects("colour.scheme").hasMessageContaining("the settings are: credit.url, emoney.url");
    }

    @Test
    void aSettingGivenTwiceIsRefused() throws IOException {
        Path file = write();
        Files.writeString(file, "language=ja\nlanguage=en\n", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> KioskConfig.load(file, dataHome)).isInstanceOf(KioskConfigException.class)
                .hasMessage("language: is set twice in " + file + "; keep one line");
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() throws IOException {
        Path file = write();
        Files.write(file, new byte[] {'l', 'a', 'n', 'g', 'u', 'a', 'g', 'e', '=', (byte) 0xFF, '\n'},
                java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> KioskConfig.load(file, dataHome)).isInstanceOf(KioskConfigException.class)
                .hasMessageContaining("is not UTF-8 text");
    }

    @Test
    void anEmptyValueIsNotTakenForTheDefault() throws IOException {
        settings.put("language", "");
        rejects("language").hasMessageContaining("has no value");
    }

    // --- server URLs ----------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"credit.url", "emoney.url"})
    void serverUrlsMustBeHttps(String key) throws IOException {
        settings.put(key, "http://credit.example.jp:8443");
        rejects(key).hasMessageContaining("must be an https:// URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"credit.url", "emoney.url"})
    void serverUrlsMustParse(String key) throws IOException {
        settings.put(key, "https://credit example.jp");
        rejects(key).hasMessageContaining("is not a URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"credit.url", "emoney.url"})
    void serverUrlsNeedAHost(String key) throws IOException {
        settings.put(key, "https:///api");
        rejects(key).hasMessageContaining("has no host name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"credit.url", "emoney.url"})
    void serverUrlsCarryNoCredentials(String key) throws IOException {
        settings.put(key, "https://kiosk:secret@credit.example.jp");
        rejects(key).hasMessageContaining("must not carry a user name or password").hasMessageNotContaining("secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"credit.url", "emoney.url"})
    void serverUrlsAreBaseUrls(String key) throws IOException {
        settings.put(key, "https://credit.example.jp/?debug=1");
        rejects(key).hasMessageContaining("without ?query or #fragment");
    }

    // --- TLS material ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"tls.keystore", "tls.keystore.password.file", "tls.truststore"})
    void aMissingStoreFileIsNamedWithItsPath(String key) throws IOException {
        settings.put(key, "missing/file.p12");
        rejects(key).hasMessageContaining(site.resolve("missing/file.p12") + " does not exist");
    }

    @Test
    void aMissingDefaultStoreSaysWhichSettingToSet() throws IOException {
        Files.delete(site.resolve("terminal.p12"));
        rejects("tls.keystore").hasMessageContaining("(the default; set tls.keystore to where the file is)");
    }

    @Test
    void aDirectoryIsNotAStore() throws IOException {
        Files.createDirectories(site.resolve("stores"));
        settings.put("tls.truststore", "stores");
        rejects("tls.truststore").hasMessageContaining("is not a file");
    }

    @Test
    void aPasswordFileOthersCanReadIsRefused() throws IOException {
        Files.setPosixFilePermissions(site.resolve("keystore.password"), PosixFilePermissions.fromString("rw-r--r--"));
        rejects("tls.keystore.password.file").hasMessageContaining("can be read by other users")
                .hasMessageContaining("chmod 600");
    }

    @Test
    void anEmptyPasswordFileIsRefusedWhenTheStoresAreOpened() throws IOException {
        writeOwnerOnly(site.resolve("keystore.password"), "\n");
        KioskConfig config = load();
        assertThatThrownBy(config.credentials()::openTls).isInstanceOf(KioskConfigException.class)
                .hasMessageStartingWith("tls.keystore.password.file: ").hasMessageContaining("is empty");
    }

    @Test
    void aWrongPasswordNamesTheKeyStoreAndNeverTheGuess() throws IOException {
        writeOwnerOnly(site.resolve("keystore.password"), "not-the-password\n");
        KioskConfig config = load();
        assertThatThrownBy(config.credentials()::openTls).isInstanceOf(KioskConfigException.class)
                .hasMessageStartingWith("tls.keystore: cannot open " + site.resolve("terminal.p12"))
                .hasMessageContaining("wrong password").hasMessageNotContaining("not-the-password");
    }

    @Test
    void aKeyStoreThatIsNotPkcs12IsRefused() throws IOException {
        Files.writeString(site.resolve("terminal.p12"), "-----BEGIN CERTIFICATE-----\n");
        KioskConfig config = load();
        assertThatThrownBy(config.credentials()::openTls).isInstanceOf(KioskConfigException.class)
                .hasMessageStartingWith("tls.keystore: ").hasMessageContaining("not a PKCS12 file");
    }

    @Test
    void aKeyStoreWithoutAPrivateKeyIsRefused() throws IOException {
        settings.put("tls.keystore", "truststore.p12");
        KioskConfig config = load();
        assertThatThrownBy(config.credentials()::openTls).isInstanceOf(KioskConfigException.class)
                .hasMessageStartingWith("tls.keystore: ").hasMessageContaining("holds no private key");
    }

    @Test
    void aTrustStoreThatCannotBeOpenedIsNamed() throws IOException {
        Files.writeString(site.resolve("truststore.p12"), "not a store");
        KioskConfig config = load();
        assertThatThrownBy(config.credentials()::openTls).isInstanceOf(KioskConfigException.class)
                .hasMessageStartingWith("tls.truststore: cannot open");
    }

    @Test
    void theTerminalIdMustBeTheOneOnTheCertificate() throws IOException {
        settings.put("terminal.id", "KIOSK002");
        KioskConfig config = load();
        assertThatThrownBy(config.credentials()::openTls).isInstanceOf(KioskConfigException.class)
                .hasMessageStartingWith("terminal.id: is KIOSK002 but the certificate in tls.keystore")
                .hasMessageContaining("issued to KIOSK001");
    }

    // --- terminal and readers -------------------------------------------------------------------------------

    @Test
    void theTerminalIdIsRequired() throws IOException {
        settings.remove("terminal.id");
        rejects("terminal.id").hasMessage("terminal.id: is required and missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"KIOSK01", "KIOSK0001", "KIOSK 01", "KIOSK_01", "キオスク0001"})
    void theTerminalIdIsEightLettersDigitsOrHyphens(String id) throws IOException {
        settings.put("terminal.id", id);
        rejects("terminal.id").hasMessageContaining("must be exactly 8 letters, digits or hyphens");
    }

    @ParameterizedTest
    @ValueSource(strings = {"reader.contact", "reader.contactless"})
    void bothReadersAreRequired(String key) throws IOException {
        settings.remove(key);
        rejects(key).hasMessageContaining("is required and missing");
    }

    @Test
    void theContactReaderMayBeNone() throws IOException {
        settings.put("reader.contact", "None");
        KioskConfig config = load();
        assertThat(config.contactReader().kind()).isEqualTo(ReaderChoice.Kind.NONE);
        assertThat(config.contactlessReader()).isEqualTo(ReaderChoice.pcsc("SONY FeliCa RC-S380"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"reader.contact", "reader.contactless"})
    void simulatedReadersAreNotPartOfASiteKiosk(String key) throws IOException {
        settings.put(key, "Simulated");
        rejects(key).hasMessageContaining("simulated readers are not part of a site kiosk")
                .hasMessageContaining("run the demo");
    }

    @ParameterizedTest
    @CsvSource({"reader.contact, ACS\\tACR39U, U+0009 at position 4", "reader.contactless, SONY\\u001b[2J, U+001B at position 5",
        "reader.contactless, SONY FeliCa\\u0085, U+0085 at position 12"})
    void controlCharactersInAReaderNameAreRefusedNamingTheSetting(String key, String escaped, String where) throws IOException {
        settings.put(key, escaped); // written with the properties file's escapes: \t, \u001b
        rejects(key).hasMessageContaining("control character " + where)
                .hasMessageContaining("a reader name is printable text");
    }

    @Test
    void theContactlessReaderCannotBeNone() throws IOException {
        settings.put("reader.contactless", "none");
        rejects("reader.contactless").hasMessageContaining("cannot be none");
    }

    @Test
    void theTwoReadersMustBeDifferent() throws IOException {
        settings.put("reader.contactless", "acs acr39u");
        rejects("reader.contactless").hasMessageContaining("names the same reader as reader.contact");
    }

    @Test
    void aHomeTerminalHasNoContactReader() throws IOException {
        settings.put("home.terminal", "true");
        rejects("reader.contact").hasMessageContaining("must be none on a home terminal");

        settings.put("reader.contact", "none");
        assertThat(load().homeTerminal()).isTrue();
    }

    // --- language, idle timeout, switches -------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"fr", "japanese", "ja_JP"})
    void theLanguageIsJaOrEn(String language) throws IOException {
        settings.put("language", language);
        rejects("language").hasMessageContaining("must be ja or en");
    }

    @Test
    void theIdleTimeoutIsSecondsOrIso8601() throws IOException {
        settings.put("idle.timeout", "90");
        assertThat(load().idleTimeout()).isEqualTo(Duration.ofSeconds(90));
        settings.put("idle.timeout", "PT1M30S");
        assertThat(load().idleTimeout()).isEqualTo(Duration.ofSeconds(90));
    }

    @ParameterizedTest
    @ValueSource(strings = {"90s", "1:30", "P", "two minutes"})
    void aBadIdleTimeoutIsNamed(String value) throws IOException {
        settings.put("idle.timeout", value);
        rejects("idle.timeout").hasMessageContaining("must be seconds (90) or an ISO-8601 duration");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9", "PT5S", "PT61M", "3601", "PT0S", "-PT1M"})
    void theIdleTimeoutIsBetweenTenSecondsAndAnHour(String value) throws IOException {
        settings.put("idle.timeout", value);
        rejects("idle.timeout").hasMessageContaining("must be between 10 seconds and 60 minutes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kiosk.mode", "audio.muted", "home.terminal"})
    void switchesAreTrueOrFalse(String key) throws IOException {
        settings.put(key, "yes");
        rejects(key).hasMessage(key + ": must be true or false, got \"yes\"");
    }

    // --- kiosk mode and the attendant code ------------------------------------------------------------------

    @Test
    void kioskModeNeedsTheAttendantCodeHash() throws IOException {
        settings.put("kiosk.mode", "true");
        rejects("attendant.code.hash").hasMessageContaining("is required when kiosk.mode=true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "has spaces in the middle of it", "tab\there-and-more-text",
            "$argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo", "$argon2i$v=19$m=65536,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"})
    void anAttendantCodeHashMustLookLikeOne(String value) throws IOException {
        settings.put("attendant.code.hash", value);
        rejects("attendant.code.hash").hasMessageContaining("is not a hash").hasMessageNotContaining(value);
    }

    @Test
    void theCodeItselfIsNotTakenForItsHash() throws IOException {
        settings.put("kiosk.mode", "true");
        settings.put("attendant.code.hash", "12345678901234567890");
        rejects("attendant.code.hash").hasMessageContaining("looks like the code itself")
                .hasMessageNotContaining("1234567890");
    }

    // --- receipts and directories ---------------------------------------------------------------------------

    @Test
    void aPrinterNameWithControlCharactersIsRefused() throws IOException {
        settings.put("receipt.printer", "EPSON\\u0007TM");
        rejects("receipt.printer").hasMessageContaining("control characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"data.dir", "receipt.directory"})
    void aDirectorySettingThatIsAFileIsRefused(String key) throws IOException {
        settings.put(key, "keystore.password");
        rejects(key).hasMessageContaining("is not a directory");
    }

    @Test
    void aDataDirectoryUnderAFileCannotBeCreated() throws IOException {
        settings.put("data.dir", "keystore.password/data");
        rejects("data.dir").hasMessageContaining("does not exist and cannot be created");
    }

    @Test
    void theDefaultDataHomeFollowsXdg() {
        assertThat(KioskConfig.defaultDataHome("/srv/xdg", "/home/kiosk")).isEqualTo(Path.of("/srv/xdg"));
        assertThat(KioskConfig.defaultDataHome(null, "/home/kiosk")).isEqualTo(Path.of("/home/kiosk/.local/share"));
        assertThat(KioskConfig.defaultDataHome(" ", "/home/kiosk")).isEqualTo(Path.of("/home/kiosk/.local/share"));
    }

    // --- what the kiosk sells: currency, limits, presets, time zone ------------------------------------------

    @Test
    void limitsAndPresetsChangeTogetherForYen() throws IOException {
        settings.put("purchase.minimum", "1000");
        settings.put("purchase.maximum", "30000");
        settings.put("purchase.presets", "1000,3000,10000,30000");

        SaleSettings sale = load().sale();

        assertThat(sale.currency()).isEqualTo(SaleSettings.YEN);
        assertThat(sale.minimumPurchase()).isEqualTo(1_000);
        assertThat(sale.maximumPurchase()).isEqualTo(30_000);
        assertThat(sale.presets()).containsExactly(1_000L, 3_000L, 10_000L, 30_000L);
        assertThat(sale.zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
    }

    @Test
    void anUnknownCurrencyIsRefused() throws IOException {
        settings.put("currency", "YENN");
        rejects("currency").hasMessageContaining("ISO 4217").hasMessageContaining("YENN");
    }

    @Test
    void anotherCurrencyNeedsItsOwnLimitsAndPresets() throws IOException {
        settings.put("currency", "USD");
        rejects("purchase.minimum").hasMessageContaining("required with currency=USD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-100", "1,000", "10.00", "¥100", "0x64", "1e3", "9999999999999"})
    void anAmountMustBeWholeMinorUnits(String amount) throws IOException {
        settings.put("purchase.minimum", amount);
        rejects("purchase.minimum").hasMessageContaining("whole minor units");
    }

    @Test
    void aMaximumBelowTheMinimumIsRefused() throws IOException {
        settings.put("purchase.minimum", "5000");
        settings.put("purchase.maximum", "1000");
        settings.put("purchase.presets", "1000");
        rejects("purchase.maximum").hasMessageContaining("1 <= minimum <= maximum");
    }

    @Test
    void anAbsurdMaximumIsRefused() throws IOException {
        settings.put("purchase.maximum", "50000000");
        rejects("purchase.maximum").hasMessageContaining("<= " + SaleSettings.HIGHEST_MAXIMUM);
    }

    @Test
    void aPresetOutsideTheLimitsIsRefused() throws IOException {
        settings.put("purchase.presets", "1000,60000");
        rejects("purchase.presets").hasMessageContaining("preset 60000 lies outside the purchase limits 100 .. 50000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2000,1000", "1000,1000", "1000,,2000", "1000,2000,3000,4000,5000,6000"})
    void presetsMustBeFewAndIncreasing(String presets) throws IOException {
        settings.put("purchase.presets", presets);
        rejects("purchase.presets");
    }

    @Test
    void anUnknownTimeZoneIsRefused() throws IOException {
        settings.put("time.zone", "Mars/Olympus");
        rejects("time.zone").hasMessageContaining("Mars/Olympus");
    }

    // --- what check-config shows ----------------------------------------------------------------------------

    @Test
    void theDescriptionShowsEverySettingAndNoSecret() throws IOException {
        settings.put("kiosk.mode", "true");
        settings.put("attendant.code.hash", ATTENDANT_CODE_HASH);

        List<String> lines = load().describe();

        assertThat(lines).hasSize(KioskConfig.KEYS.size());
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i)).startsWith(KioskConfig.KEYS.get(i) + " = ");
        }
        assertThat(String.join("\n", lines)).doesNotContain(PASSWORD).doesNotContain("argon2id")
                .contains("attendant.code.hash = (set, not shown)");
    }

    @Test
    void theShippedExampleNamesEveryKeyAndNothingElse() throws IOException {
        Path example = Path.of("src/main/dist/valuekiosk.properties");
        java.util.Properties shipped = new java.util.Properties();
        try (var reader = Files.newBufferedReader(example, StandardCharsets.UTF_8)) {
            shipped.load(reader);
        }
        String text = Files.readString(example, StandardCharsets.UTF_8);
        for (String key : KioskConfig.KEYS) {
            assertThat(text).as("documented: " + key).containsPattern("(?m)^#? ?" + java.util.regex.Pattern.quote(key) + " ?=");
        }
        assertThat(KioskConfig.KEYS).containsAll(shipped.stringPropertyNames());
    }
}

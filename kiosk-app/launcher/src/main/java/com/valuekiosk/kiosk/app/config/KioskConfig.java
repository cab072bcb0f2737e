package com.valuekiosk.kiosk.app.config;

import com.valuekiosk.kiosk.flow.SaleSettings;
import com.valuekiosk.kiosk.ui.shell.AttendantCode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings of a real site, checked: one file in Java properties format (UTF-8), every key documented in
 * the shipped {@code valuekiosk.properties}. {@link ConfigFile} loads it; this class checks what each value
 * means, all of it before anything starts; the first problem stops it with a {@link KioskConfigException}
 * naming the setting. What the kiosk sells ({@link #sale()}: currency, purchase limits, presets, time zone)
 * is the one {@link SaleSettings} that both the engine and the screens use.
 *
 * <p>Relative paths are relative to the directory of the configuration file; {@code ~/} is the user's
 * home. Secrets are not in the file, nor in this class: {@link #credentials()} reads the key store password
 * from the file {@code tls.keystore.password.file} names, only when the TLS material is opened; the attendant
 * code appears only as its hash. {@link #describe()} shows neither.
 */
public final class KioskConfig {

    public static final String CREDIT_URL = "credit.url";
    public static final String EMONEY_URL = "emoney.url";
    public static final String TLS_KEYSTORE = "tls.keystore";
    public static final String TLS_KEYSTORE_PASSWORD_FILE = "tls.keystore.password.file";
    public static final String TLS_TRUSTSTORE = "tls.truststore";
    public static final String TERMINAL_ID = "terminal.id";
    public static final String READER_CONTACT = "reader.contact";
    public static final String READER_CONTACTLESS = "reader.contactless";
    public static final String CURRENCY = "currency";
    public static final String PURCHASE_MINIMUM = "purchase.minimum";
    public static final String PURCHASE_MAXIMUM = "purchase.maximum";
    public static final String PURCHASE_PRESETS = "purchase.presets";
    public static final String TIME_ZONE = "time.zone";
    public static final String LANGUAGE = "language";
    public static final String IDLE_TIMEOUT = "idle.timeout";
    public static final String KIOSK_MODE = "kiosk.mode";
    public static final String ATTENDANT_CODE_HASH = "attendant.code.hash";
    public static final String RECEIPT_PRINTER = "receipt.printer";
    public static final String RECEIPT_DIRECTORY = "receipt.directory";
    public static final String AUDIO_MUTED = "audio.muted";
    public static final String HOME_TERMINAL = "home.terminal";
    public static final String DATA_DIR = "data.dir";

    /** Every key, in the order of the documentation. */
    public static final List<String> KEYS = List.of(CREDIT_URL, EMONEY_URL, TLS_KEYSTORE, TLS_KEYSTORE_PASSWORD_FILE,
            TLS_TRUSTSTORE, TERMINAL_ID, READER_CONTACT, READER_CONTACTLESS, CURRENCY, PURCHASE_MINIMUM,
            PURCHASE_MAXIMUM, PURCHASE_PRESETS, TIME_ZONE, LANGUAGE, IDLE_TIMEOUT, KIOSK_MODE, ATTENDANT_CODE_HASH,
            RECEIPT_PRINTER, RECEIPT_DIRECTORY, AUDIO_MUTED, HOME_TERMINAL, DATA_DIR);

    public static final URI DEFAULT_CREDIT_URL = URI.create("https://127.0.0.1:8443");
    public static final URI DEFAULT_EMONEY_URL = URI.create("https://127.0.0.1:8444");
    public static final String DEFAULT_KEYSTORE = "terminal.p12";
    public static final String DEFAULT_PASSWORD_FILE = "keystore.password";
    public static final String DEFAULT_TRUSTSTORE = "truststore.p12";
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** Shorter would take the screen from someone still reading it. */
    public static final Duration MIN_IDLE_TIMEOUT = Duration.ofSeconds(10);
    /** Longer would leave a walked-away transaction on the screen for the next person. */
    public static final Duration MAX_IDLE_TIMEOUT = Duration.ofHours(1);
    public static final String NO_PRINTER = "none";

    private static final Pattern TERMINAL_ID_FORMAT = Pattern.compile("[A-Za-z0-9-]{8}");
    private static final Pattern MINOR_UNITS = Pattern.compile("[0-9]{1,12}");
    private static final Map<String, Locale> LANGUAGES = Map.of("ja", Locale.JAPAN, "en", Locale.US);

    private final Path file;
    private final URI creditUrl;
    private final URI emoneyUrl;
    private final Path keyStore;
    private final Path passwordFile;
    private final Path trustStore;
    private final String terminalId;
    private final ReaderChoice contactReader;
    private final ReaderChoice contactlessReader;
    private final SaleSettings sale;
    private final String language;
    private final Duration idleTimeout;
    private final boolean kioskMode;
    private final String attendantCodeHash;
    private final String receiptPrinter;
    private final Path receiptDirectory;
    private final boolean audioMuted;
    private final boolean homeTerminal;
    private final Path dataDirectory;

    private KioskConfig(Values settings) {
        this.file = settings.file.file();
        homeTerminal = settings.bool(HOME_TERMINAL, false);
        creditUrl = settings.httpsUrl(CREDIT_URL, DEFAULT_CREDIT_URL);
        emoneyUrl = settings.httpsUrl(EMONEY_URL, DEFAULT_EMONEY_URL);
        keyStore = settings.readableFile(TLS_KEYSTORE, DEFAULT_KEYSTORE);
        passwordFile = settings.readableFile(TLS_KEYSTORE_PASSWORD_FILE, DEFAULT_PASSWORD_FILE);
        TerminalCredentials.checkOwnerOnly(passwordFile);
        trustStore = settings.readableFile(TLS_TRUSTSTORE, DEFAULT_TRUSTSTORE);
        terminalId = settings.required(TERMINAL_ID);
        if (!TERMINAL_ID_FORMAT.matcher(terminalId).matches()) {
            throw new KioskConfigException(TERMINAL_ID, "must be exactly 8 letters, digits or hyphens (as on the"
                    + " terminal's certificate), got \"" + terminalId + "\"");
        }
        contactReader = reader(READER_CONTACT, settings.required(READER_CONTACT));
        contactlessReader = reader(READER_CONTACTLESS, settings.required(READER_CONTACTLESS));
        if (contactlessReader.kind() == ReaderChoice.Kind.NONE) {
            throw new KioskConfigException(READER_CONTACTLESS, "cannot be none: every kiosk charges e-money cards"
                    + " on a contactless reader; give its PC/SC name");
        }
        if (homeTerminal && contactReader.kind() != ReaderChoice.Kind.NONE) {
            throw new KioskConfigException(READER_CONTACT, "must be none on a home terminal (home.terminal=true):"
                    + " it sells no VALUE and has no contact reader");
        }
        if (contactReader.kind() == ReaderChoice.Kind.PCSC && contactlessReader.kind() == ReaderChoice.Kind.PCSC
                && contactReader.pcscName().equalsIgnoreCase(contactlessReader.pcscName())) {
            throw new KioskConfigException(READER_CONTACTLESS, "names the same reader as reader.contact (\""
                    + contactReader.pcscName() + "\"); the two readers must be different");
        }
        sale = saleSettings(settings);
        language = settings.optional(LANGUAGE).map(value -> value.toLowerCase(Locale.ROOT)).orElse("ja");
        if (!LANGUAGES.containsKey(language)) {
            throw new KioskConfigException(LANGUAGE, "must be ja or en, got \"" + settings.optional(LANGUAGE).orElse("")
                    + "\"");
        }
        idleTimeout = settings.duration(IDLE_TIMEOUT, DEFAULT_IDLE_TIMEOUT);
        kioskMode = settings.bool(KIOSK_MODE, false);
        Optional<String> hash = settings.optional(ATTENDANT_CODE_HASH);
        if (kioskMode && hash.isEmpty()) {
            throw new KioskConfigException(ATTENDANT_CODE_HASH, "is required when kiosk.mode=true: without it no"
                    + " attendant could leave kiosk mode");
        }
        if (hash.isPresent() && hash.get().chars().allMatch(Character::isDigit)) {
            throw new KioskConfigException(ATTENDANT_CODE_HASH, "looks like the code itself (digits only):"
                    + " write its hash here (valuekiosk hash-attendant-code), never the code");
        }
        if (hash.isPresent()) {
            try {
                AttendantCode.of(hash.get());
            } catch (IllegalArgumentException e) {
                throw new KioskConfigException(ATTENDANT_CODE_HASH, "is not a hash made by `valuekiosk"
                        + " hash-attendant-code`: " + e.getMessage());
            }
        }
        attendantCodeHash = hash.orElse(null);
        receiptPrinter = settings.optional(RECEIPT_PRINTER).orElse(NO_PRINTER);
        if (receiptPrinter.chars().anyMatch(Character::isISOControl)) {
            throw new KioskConfigException(RECEIPT_PRINTER, "contains control characters");
        }
        audioMuted = settings.bool(AUDIO_MUTED, false);
        dataDirectory = settings.writableDirectory(DATA_DIR, settings.defaultDataDirectory);
        receiptDirectory = settings.writableDirectory(RECEIPT_DIRECTORY, dataDirectory.resolve("receipts"));
    }

    /** Reads and checks {@code file}; the default data directory under {@code $XDG_DATA_HOME} (or ~/.local/share). */
    public static KioskConfig load(Path file) {
        return load(file, defaultDataHome(System.getenv("XDG_DATA_HOME"), System.getProperty("user.home")));
    }

    /** Reads and checks {@code file}; {@code dataHome} is where the default data directory goes. */
    public static KioskConfig load(Path file, Path dataHome) {
        Objects.requireNonNull(dataHome, "dataHome");
        return new KioskConfig(new Values(ConfigFile.read(file, KEYS), dataHome.resolve("valuekiosk").resolve("kiosk")));
    }

    /** {@code $XDG_DATA_HOME}, else {@code ~/.local/share} (the XDG base directory rule). */
    public static Path defaultDataHome(String xdgDataHome, String userHome) {
        return xdgDataHome != null && !xdgDataHome.isBlank() ? Path.of(xdgDataHome)
                : Path.of(userHome, ".local", "share");
    }

    /** Currency, limits, presets and time zone; each default is {@link SaleSettings#yen()}'s. */
    private static SaleSettings saleSettings(Values settings) {
        SaleSettings yen = SaleSettings.yen();
        Currency currency = settings.optional(CURRENCY).map(code -> {
            try {
                return Currency.getInstance(code.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new KioskConfigException(CURRENCY, "must be an ISO 4217 currency code (JPY, EUR, USD …), got \""
                        + code + "\"");
            }
        }).orElse(yen.currency());
        boolean yenDefaults = currency.equals(yen.currency());
        if (!yenDefaults) {
            for (String key : List.of(PURCHASE_MINIMUM, PURCHASE_MAXIMUM, PURCHASE_PRESETS)) {
                if (!settings.file.has(key)) {
                    throw new KioskConfigException(key, "is required with currency=" + currency.getCurrencyCode()
                            + ": the defaults are yen amounts");
                }
            }
        }
        long minimum = settings.minorUnits(PURCHASE_MINIMUM, yen.minimumPurchase());
        long maximum = settings.minorUnits(PURCHASE_MAXIMUM, yen.maximumPurchase());
        List<Long> presets = settings.optional(PURCHASE_PRESETS).map(text -> {
            List<Long> amounts = new ArrayList<>();
            for (String part : text.split(",", -1)) {
                amounts.add(Values.parseMinorUnits(PURCHASE_PRESETS, part.strip()));
            }
            return amounts;
        }).orElse(yen.presets());
        ZoneId zone = settings.optional(TIME_ZONE).map(id -> {
            try {
                return ZoneId.of(id);
            } catch (DateTimeException e) {
                throw new KioskConfigException(TIME_ZONE, "must be a time zone id such as Asia/Tokyo or UTC, got \""
                        + id + "\"");
            }
        }).orElse(yen.zone());
        try {
            return new SaleSettings(currency, minimum, maximum, presets, zone);
        } catch (IllegalArgumentException e) {
            String key = e.getMessage().startsWith("purchase limits") ? PURCHASE_MAXIMUM
                    : e.getMessage().startsWith("currency") ? CURRENCY : PURCHASE_PRESETS;
            throw new KioskConfigException(key, e.getMessage());
        }
    }

    /** {@code none} or a PC/SC name; a problem becomes a one-line error naming {@code key}. */
    private static ReaderChoice reader(String key, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                // Shown as U+XXXX: the character itself would break the one-line message (and logs, and terminals).
                throw new KioskConfigException(key, String.format(java.util.Locale.ROOT,
                        "control character U+%04X at position %d; a reader name is printable text (see pcsc_scan)",
                        (int) c, i + 1));
            }
        }
        try {
            return ReaderChoice.parse(value);
        } catch (IllegalArgumentException e) {
            throw new KioskConfigException(key, e.getMessage());
        }
    }

    /** The key and trust stores and the password file; the secrets are read only when they are opened. */
    public TerminalCredentials credentials() {
        return new TerminalCredentials(terminalId, keyStore, passwordFile, trustStore);
    }

    /** The effective settings, one {@code key = value} line each; secrets are not shown. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add(CREDIT_URL + " = " + creditUrl + (homeTerminal ? "   (not used: home terminal)" : ""));
        lines.add(EMONEY_URL + " = " + emoneyUrl);
        lines.add(TLS_KEYSTORE + " = " + keyStore);
        lines.add(TLS_KEYSTORE_PASSWORD_FILE + " = " + passwordFile + "   (content not shown)");
        lines.add(TLS_TRUSTSTORE + " = " + trustStore);
        lines.add(TERMINAL_ID + " = " + terminalId);
        lines.add(READER_CONTACT + " = " + contactReader.value());
        lines.add(READER_CONTACTLESS + " = " + contactlessReader.value());
        lines.add(CURRENCY + " = " + sale.currency().getCurrencyCode());
        lines.add(PURCHASE_MINIMUM + " = " + sale.minimumPurchase());
        lines.add(PURCHASE_MAXIMUM + " = " + sale.maximumPurchase());
        lines.add(PURCHASE_PRESETS + " = " + String.join(",", sale.presets().stream().map(String::valueOf).toList()));
        lines.add(TIME_ZONE + " = " + sale.zone().getId());
        lines.add(LANGUAGE + " = " + language);
        lines.add(IDLE_TIMEOUT + " = " + idleTimeout);
        lines.add(KIOSK_MODE + " = " + kioskMode);
        lines.add(ATTENDANT_CODE_HASH + " = " + (attendantCodeHash == null ? "(not set)" : "(set, not shown)"));
        lines.add(RECEIPT_PRINTER + " = " + receiptPrinter);
        lines.add(RECEIPT_DIRECTORY + " = " + receiptDirectory);
        lines.add(AUDIO_MUTED + " = " + audioMuted);
        lines.add(HOME_TERMINAL + " = " + homeTerminal);
        lines.add(DATA_DIR + " = " + dataDirectory);
        return lines;
    }

    public Path file() {
        return file;
    }

    public URI creditUrl() {
        return creditUrl;
    }

    public URI emoneyUrl() {
        return emoneyUrl;
    }

    public Path keyStore() {
        return keyStore;
    }

    public Path passwordFile() {
        return passwordFile;
    }

    public Path trustStore() {
        return trustStore;
    }

    public String terminalId() {
        return terminalId;
    }

    public ReaderChoice contactReader() {
        return contactReader;
    }

    public ReaderChoice contactlessReader() {
        return contactlessReader;
    }

    /** What the kiosk sells and how it shows it: the engine's limits and the screens' presets are the same. */
    public SaleSettings sale() {
        return sale;
    }

    /** {@code Locale.JAPAN} or {@code Locale.US}, the two languages of the message bundles. */
    public Locale locale() {
        return LANGUAGES.get(language);
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    public boolean kioskMode() {
        return kioskMode;
    }

    /** The hash of the code that lets an attendant leave kiosk mode; present whenever kiosk mode is on. */
    public Optional<String> attendantCodeHash() {
        return Optional.ofNullable(attendantCodeHash);
    }

    /** The print service name, or empty for {@code none} (receipts saved to the receipt directory only). */
    public Optional<String> receiptPrinter() {
        return receiptPrinter.equalsIgnoreCase(NO_PRINTER) ? Optional.empty() : Optional.of(receiptPrinter);
    }

    public Path receiptDirectory() {
        return receiptDirectory;
    }

    public boolean audioMuted() {
        return audioMuted;
    }

    /** R-KI6: charge-up and balance only; no contact reader, no credit company server. */
    public boolean homeTerminal() {
        return homeTerminal;
    }

    /** The kiosk's own files: the journal and the card fingerprint key. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The loaded file's values, each read and checked once. */
    private static final class Values {

        private final ConfigFile file;
        private final Path baseDirectory;
        private final Path defaultDataDirectory;

        Values(ConfigFile file, Path defaultDataDirectory) {
            this.file = file;
            this.baseDirectory = file.directory();
            this.defaultDataDirectory = defaultDataDirectory;
        }

        Optional<String> optional(String key) {
            return file.optional(key);
        }

        String required(String key) {
            return file.required(key);
        }

        long minorUnits(String key, long fallback) {
            return optional(key).map(text -> parseMinorUnits(key, text)).orElse(fallback);
        }

        /** A whole number of minor units: digits only, no separators, no decimal point, no sign. */
        static long parseMinorUnits(String key, String text) {
            if (!MINOR_UNITS.matcher(text).matches()) {
                throw new KioskConfigException(key, "must be whole minor units of the currency (digits only, e.g."
                        + " 2000 for ¥2,000 or 2000 for 20.00), got \"" + text + "\"");
            }
            return Long.parseLong(text);
        }

        boolean bool(String key, boolean fallback) {
            return optional(key).map(value -> switch (value.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new KioskConfigException(key, "must be true or false, got \"" + value + "\"");
            }).orElse(fallback);
        }

        URI httpsUrl(String key, URI fallback) {
            Optional<String> text = optional(key);
            if (text.isEmpty()) {
                return fallback;
            }
            URI url;
            try {
                url = new URI(text.get());
            } catch (URISyntaxException e) {
                throw new KioskConfigException(key, "is not a URL: " + e.getReason());
            }
            if (url.getScheme() == null || !url.getScheme().equalsIgnoreCase("https")) {
                throw new KioskConfigException(key, "must be an https:// URL (the servers speak only TLS), got \""
                        + text.get() + "\"");
            }
            if (url.getHost() == null) {
                throw new KioskConfigException(key, "has no host name: \"" + text.get() + "\"");
            }
            if (url.getRawUserInfo() != null) {
                throw new KioskConfigException(key, "must not carry a user name or password; the kiosk signs in"
                        + " with its certificate");
            }
            if (url.getRawQuery() != null || url.getRawFragment() != null) {
                throw new KioskConfigException(key, "must be the server's base URL, without ?query or #fragment");
            }
            return url;
        }

        Duration duration(String key, Duration fallback) {
            Optional<String> text = optional(key);
            if (text.isEmpty()) {
                return fallback;
            }
            Duration duration;
            try {
                duration = text.get().chars().allMatch(Character::isDigit) && text.get().length() <= 9
                        ? Duration.ofSeconds(Long.parseLong(text.get()))
                        : Duration.parse(text.get());
            } catch (DateTimeParseException e) {
                throw new KioskConfigException(key, "must be seconds (90) or an ISO-8601 duration (PT90S, PT2M),"
                        + " got \"" + text.get() + "\"");
            }
            if (duration.compareTo(MIN_IDLE_TIMEOUT) < 0 || duration.compareTo(MAX_IDLE_TIMEOUT) > 0) {
                throw new KioskConfigException(key, "must be between " + MIN_IDLE_TIMEOUT.toSeconds() + " seconds and "
                        + MAX_IDLE_TIMEOUT.toMinutes() + " minutes, got " + text.get());
            }
            return duration;
        }

        Path path(String key, String text) {
            Path path = text.startsWith("~/") ? Path.of(System.getProperty("user.home"), text.substring(2)) : Path.of(text);
            return baseDirectory.resolve(path).normalize();
        }

        Path readableFile(String key, String fallback) {
            Path file;
            try {
                file = path(key, optional(key).orElse(fallback));
            } catch (java.nio.file.InvalidPathException e) {
                throw new KioskConfigException(key, "is not a valid path: " + e.getReason());
            }
            if (!Files.exists(file)) {
                throw new KioskConfigException(key, file + " does not exist"
                        + (this.file.has(key) ? "" : " (the default; set " + key + " to where the file is)"));
            }
            if (!Files.isRegularFile(file)) {
                throw new KioskConfigException(key, file + " is not a file");
            }
            if (!Files.isReadable(file)) {
                throw new KioskConfigException(key, file + " cannot be read by this user");
            }
            return file;
        }

        Path writableDirectory(String key, Path fallback) {
            Path directory;
            try {
                directory = optional(key).map(text -> path(key, text)).orElse(fallback.toAbsolutePath().normalize());
            } catch (java.nio.file.InvalidPathException e) {
                throw new KioskConfigException(key, "is not a valid path: " + e.getReason());
            }
            if (Files.exists(directory)) {
                if (!Files.isDirectory(directory)) {
                    throw new KioskConfigException(key, directory + " is not a directory");
                }
                if (!Files.isWritable(directory)) {
                    throw new KioskConfigException(key, directory + " cannot be written by this user");
                }
                return directory;
            }
            // Created at start-up: the nearest existing parent must let us.
            Path parent = directory.getParent();
            while (parent != null && !Files.exists(parent)) {
                parent = parent.getParent();
            }
            if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
                throw new KioskConfigException(key, directory + " does not exist and cannot be created"
                        + (parent == null ? "" : " (" + parent + " is not a writable directory)"));
            }
            return directory;
        }
    }
}

package com.valuekiosk.kiosk.app.config;

import com.valuekiosk.kiosk.client.KioskTls;
import com.valuekiosk.kiosk.ui.shell.AttendantCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The configuration of a real site: one file in Java properties format (UTF-8), every key documented in
 * the shipped {@code valuekiosk.properties}. {@link #load(Path)} reads and checks it all before anything
 * starts; the first problem stops it with a {@link KioskConfigException} naming the setting.
 *
 * <p>Relative paths are relative to the directory of the configuration file; {@code ~/} is the user's
 * home. Secrets are not in the file: the key store password is read from the file that
 * {@code tls.keystore.password.file} names (only when the TLS material is opened), and the attendant code
 * appears only as its hash. {@link #describe()} shows neither.
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
            TLS_TRUSTSTORE, TERMINAL_ID, READER_CONTACT, READER_CONTACTLESS, LANGUAGE, IDLE_TIMEOUT, KIOSK_MODE,
            ATTENDANT_CODE_HASH, RECEIPT_PRINTER, RECEIPT_DIRECTORY, AUDIO_MUTED, HOME_TERMINAL, DATA_DIR);

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
    private final String language;
    private final Duration idleTimeout;
    private final boolean kioskMode;
    private final String attendantCodeHash;
    private final String receiptPrinter;
    private final Path receiptDirectory;
    private final boolean audioMuted;
    private final boolean homeTerminal;
    private final Path dataDirectory;

    private KioskConfig(Path file, Settings settings) {
        this.file = file;
        homeTerminal = settings.bool(HOME_TERMINAL, false);
        creditUrl = settings.httpsUrl(CREDIT_URL, DEFAULT_CREDIT_URL);
        emoneyUrl = settings.httpsUrl(EMONEY_URL, DEFAULT_EMONEY_URL);
        keyStore = settings.readableFile(TLS_KEYSTORE, DEFAULT_KEYSTORE);
        passwordFile = settings.readableFile(TLS_KEYSTORE_PASSWORD_FILE, DEFAULT_PASSWORD_FILE);
        ownerOnly(passwordFile);
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
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(dataHome, "dataHome");
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new KioskConfigException("configuration file", absolute + " does not exist or is not a file");
        }
        Map<String, String> values = read(absolute);
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            String key = unknown.iterator().next();
            throw new KioskConfigException(key, "unknown setting" + nearest(key).map(k -> " (did you mean " + k + "?)")
                    .orElse("; the settings are: " + String.join(", ", KEYS)));
        }
        return new KioskConfig(absolute, new Settings(values, absolute.getParent(),
                dataHome.resolve("valuekiosk").resolve("kiosk")));
    }

    /** {@code $XDG_DATA_HOME}, else {@code ~/.local/share} (the XDG base directory rule). */
    public static Path defaultDataHome(String xdgDataHome, String userHome) {
        return xdgDataHome != null && !xdgDataHome.isBlank() ? Path.of(xdgDataHome)
                : Path.of(userHome, ".local", "share");
    }

    private static Map<String, String> read(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        Properties properties = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                if (values.containsKey(key.toString())) {
                    throw new KioskConfigException(key.toString(), "is set twice in " + file + "; keep one line");
                }
                values.put(key.toString(), value.toString().strip());
                return super.put(key, value);
            }
        };
        try (InputStream in = Files.newInputStream(file);
             Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                     .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))) {
            properties.load(reader);
        } catch (CharacterCodingException e) {
            throw new KioskConfigException("configuration file", file + " is not UTF-8 text");
        } catch (IllegalArgumentException e) {
            throw new KioskConfigException("configuration file", file + " is not a properties file: " + e.getMessage());
        } catch (IOException e) {
            throw new KioskConfigException("configuration file", "cannot read " + file + ": " + e.getMessage());
        }
        return values;
    }

    /** A known key at most two edits away from a mistyped one. */
    private static Optional<String> nearest(String key) {
        String best = null;
        int bestDistance = 3;
        for (String known : KEYS) {
            int distance = editDistance(key.toLowerCase(Locale.ROOT), known);
            if (distance < bestDistance) {
                best = known;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** {@code none} or a PC/SC name; a problem becomes a one-line error naming {@code key}. */
    private static ReaderChoice reader(String key, String value) {
        try {
            return ReaderChoice.parse(value);
        } catch (IllegalArgumentException e) {
            throw new KioskConfigException(key, e.getMessage());
        }
    }

    private static void ownerOnly(Path passwordFile) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(passwordFile);
            if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                throw new KioskConfigException(TLS_KEYSTORE_PASSWORD_FILE, passwordFile + " can be read by other users;"
                        + " make it readable by the kiosk user only (chmod 600)");
            }
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file's ACL is the administrator's business.
        } catch (IOException e) {
            throw new KioskConfigException(TLS_KEYSTORE_PASSWORD_FILE, "cannot read the permissions of " + passwordFile);
        }
    }

    /**
     * The key store password: the first line of the password file. The caller wipes the array after use.
     */
    public char[] readStorePassword() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(passwordFile);
        } catch (IOException e) {
            throw new KioskConfigException(TLS_KEYSTORE_PASSWORD_FILE, "cannot read " + passwordFile + ": " + e.getMessage());
        }
        try {
            CharBuffer decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes));
            int end = 0;
            while (end < decoded.limit() && decoded.get(end) != '\n' && decoded.get(end) != '\r') {
                end++;
            }
            char[] password = new char[end];
            decoded.get(password, 0, end);
            Arrays.fill(decoded.array(), '\0');
            if (password.length == 0) {
                throw new KioskConfigException(TLS_KEYSTORE_PASSWORD_FILE, passwordFile + " is empty; its first line"
                        + " must be the key store password");
            }
            return password;
        } catch (CharacterCodingException e) {
            throw new KioskConfigException(TLS_KEYSTORE_PASSWORD_FILE, passwordFile + " is not UTF-8 text");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * Opens the key store and the trust store with the password from the password file, checks that the key
     * store holds the terminal's key with a certificate issued to {@link #terminalId()} and that the trust
     * store holds a certificate, and builds the kiosk's TLS from them. The password is wiped afterwards.
     */
    public KioskTls openTls() {
        char[] password = readStorePassword();
        try {
            KeyStore keys = open(TLS_KEYSTORE, keyStore, password);
            X509Certificate certificate = terminalCertificate(keys);
            String commonName = commonName(certificate);
            if (!terminalId.equals(commonName)) {
                throw new KioskConfigException(TERMINAL_ID, "is " + terminalId + " but the certificate in tls.keystore ("
                        + keyStore + ") was issued to " + commonName + "; the servers know the kiosk by its certificate");
            }
            KeyStore trusted = open(TLS_TRUSTSTORE, trustStore, password);
            if (!hasCertificate(trusted)) {
                throw new KioskConfigException(TLS_TRUSTSTORE, trustStore + " holds no certificate to trust");
            }
            try {
                return KioskTls.fromFiles(keyStore, password, trustStore);
            } catch (RuntimeException e) {
                throw new KioskConfigException(TLS_KEYSTORE, "cannot be used for TLS: " + e.getMessage());
            }
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static KeyStore open(String setting, Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException | java.security.GeneralSecurityException e) {
            // Wrong password and damaged file look alike to PKCS12; say both.
            throw new KioskConfigException(setting, "cannot open " + file + " as a PKCS12 store with the password"
                    + " from tls.keystore.password.file (wrong password, or not a PKCS12 file)");
        }
    }

    private X509Certificate terminalCertificate(KeyStore keys) {
        try {
            for (String alias : Collections.list(keys.aliases())) {
                if (keys.isKeyEntry(alias) && keys.getCertificate(alias) instanceof X509Certificate certificate) {
                    return certificate;
                }
            }
        } catch (java.security.KeyStoreException e) {
            throw new KioskConfigException(TLS_KEYSTORE, "cannot list the entries of " + keyStore);
        }
        throw new KioskConfigException(TLS_KEYSTORE, keyStore + " holds no private key with a certificate");
    }

    private static boolean hasCertificate(KeyStore store) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.getCertificate(alias) != null) {
                    return true;
                }
            }
            return false;
        } catch (java.security.KeyStoreException e) {
            return false;
        }
    }

    private static String commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            // fall through: no usable name
        }
        return "(no common name)";
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

    /** The raw values of a file, each read and checked once. */
    private static final class Settings {

        private final Map<String, String> values;
        private final Path baseDirectory;
        private final Path defaultDataDirectory;

        Settings(Map<String, String> values, Path baseDirectory, Path defaultDataDirectory) {
            this.values = values;
            this.baseDirectory = baseDirectory;
            this.defaultDataDirectory = defaultDataDirectory;
        }

        Optional<String> optional(String key) {
            String value = values.get(key);
            if (value == null) {
                return Optional.empty();
            }
            if (value.isEmpty()) {
                throw new KioskConfigException(key, "has no value; give one or remove the line for the default");
            }
            return Optional.of(value);
        }

        String required(String key) {
            return optional(key).orElseThrow(() -> new KioskConfigException(key, "is required and missing"));
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
                        + (values.containsKey(key) ? "" : " (the default; set " + key + " to where the file is)"));
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

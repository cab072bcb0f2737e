package com.valuekiosk.kiosk.client;

import com.valuekiosk.pki.DevPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Both real servers for the client tests, with their development PKI.
 *
 * <p>Why a class loader of their own: this module's test class path holds jcardsim (through the
 * card simulator), which bundles an old, signed cut of BouncyCastle that shadows bcprov 1.87, so
 * {@code DevPki} fails in this JVM ({@code NoSuchFieldError: id_sha512_224}). The servers and the
 * PKI generation therefore run in a class loader with the same class path minus jcardsim; only JDK
 * types cross (URIs, paths, numbers). The kiosk's clients, under test, stay in the test's own
 * class loader and meet the servers only over the network. When jcardsim is not on the class path
 * the servers run in the test's class loader.
 */
final class TestServers implements AutoCloseable {

    private static ClassLoader serverLoader;

    private final BiFunction<String, Object[], Object> harness;

    private TestServers(BiFunction<String, Object[], Object> harness) {
        this.harness = harness;
    }

    /** Starts both servers (H2) under {@code directory}; their PKI is shared by all servers of this JVM. */
    static TestServers start(Path directory) throws Exception {
        Class<?> type = Class.forName(ServersHarness.class.getName(), true, serverLoader());
        @SuppressWarnings("unchecked")
        BiFunction<String, Object[], Object> harness = (BiFunction<String, Object[], Object>) withServerLoader(
                () -> type.getConstructor(Path.class).newInstance(directory));
        return new TestServers(harness);
    }

    /** A development PKI with a CA of its own in {@code directory}, with a certificate for {@code terminalId}. */
    static Path createPki(Path directory, String terminalId) throws Exception {
        Class<?> type = Class.forName(ServersHarness.class.getName(), true, serverLoader());
        withServerLoader(() -> type.getMethod("createPki", Path.class, String.class).invoke(null, directory, terminalId));
        return directory;
    }

    URI creditUri() {
        return (URI) call("creditUri");
    }

    URI emoneyUri() {
        return (URI) call("emoneyUri");
    }

    int creditPort() {
        return (Integer) call("creditPort");
    }

    Path pkiDirectory() {
        return (Path) call("pkiDirectory");
    }

    /** The terminal's key store and our CA's trust store, as the kiosk would load them. */
    KioskTls terminalTls(String terminalId) {
        return terminalTls(pkiDirectory(), pkiDirectory(), terminalId);
    }

    /** A terminal certificate of {@code keyPki}'s CA, trusting only {@code trustPki}'s CA. */
    static KioskTls terminalTls(Path keyPki, Path trustPki, String terminalId) {
        return KioskTls.fromFiles(terminalKeyStore(keyPki, terminalId), DevPki.DEFAULT_PASSWORD.toCharArray(),
                trustPki.resolve(DevPki.TRUST_STORE));
    }

    static Path terminalKeyStore(Path pki, String terminalId) {
        return pki.resolve("terminal-" + terminalId + ".p12");
    }

    void stopEmoney() {
        call("stopEmoney");
    }

    /** How many times the credit company server billed a purchase request. */
    long billed(UUID requestId) {
        return (Long) call("billed", requestId);
    }

    /** What the e-money server has prepared for a card without a password. */
    long available(String emoneyCard) {
        return (Long) call("available", emoneyCard);
    }

    int failedPasswordAttempts(String emoneyCard) {
        return (Integer) call("failedPasswordAttempts", emoneyCard);
    }

    private Object call(String command, Object... arguments) {
        try {
            return withServerLoader(() -> harness.apply(command, arguments));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        withServerLoader(() -> {
            ((AutoCloseable) harness).close();
            return null;
        });
    }

    @FunctionalInterface
    private interface Work {
        Object run() throws Exception;
    }

    /** Threads the servers start (Jetty, pools) inherit the servers' loader as context loader. */
    private static Object withServerLoader(Work work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(serverLoader());
        try {
            return work.run();
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static synchronized ClassLoader serverLoader() {
        if (serverLoader == null) {
            Path jcardsim = jcardsimJar();
            if (jcardsim == null) {
                serverLoader = TestServers.class.getClassLoader();
            } else {
                List<URL> urls = new ArrayList<>();
                for (Path entry : testClassPath()) {
                    if (!sameFile(entry, jcardsim)) {
                        urls.add(url(entry));
                    }
                }
                serverLoader = new URLClassLoader("servers", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            }
        }
        return serverLoader;
    }

    private static Path jcardsimJar() {
        try {
            Class<?> simulator = Class.forName("com.licel.jcardsim.base.Simulator", false, TestServers.class.getClassLoader());
            return Path.of(simulator.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException e) {
            return null;
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate jcardsim's jar", e);
        }
    }

    /** Surefire's test class path, or the JVM's (expanding a manifest-only jar). */
    private static List<Path> testClassPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<Path> entries = new ArrayList<>();
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                Path path = Path.of(entry);
                entries.add(path);
                entries.addAll(manifestClassPath(path));
            }
        }
        return entries;
    }

    private static List<Path> manifestClassPath(Path jar) {
        if (!jar.toString().endsWith(".jar") || !Files.isRegularFile(jar)) {
            return List.of();
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null || !jar.getFileName().toString().startsWith("surefirebooter")) {
                return List.of();
            }
            List<Path> entries = new ArrayList<>();
            for (String entry : classPath.trim().split("\\s+")) {
                entries.add(Path.of(URI.create(entry).isAbsolute() ? URI.create(entry) : jar.toUri().resolve(entry)));
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean sameFile(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}

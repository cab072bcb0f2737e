package com.valuekiosk.card.sim;

import com.valuekiosk.card.host.Bytes;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One chip: a jcardsim runtime of its own. jcardsim 2.2.2 keeps its runtime (selected applet,
 * transient memory, transaction state) in static fields, so two cards in one class loader would
 * share one chip. Each chip therefore loads jcardsim and the applet classes in a class loader of
 * its own; only byte arrays cross that boundary.
 */
final class JcardsimChip {

    private static final String SIMULATOR = "com.licel.jcardsim.base.Simulator";
    private static final String AID = "javacard.framework.AID";

    private final URLClassLoader loader;
    private final Object simulator;
    private final Method transmit;
    private final Method select;
    private final Method reset;
    private final Constructor<?> aid;
    private final AppletCode code;

    JcardsimChip(AppletCode code) {
        this.code = Objects.requireNonNull(code, "code");
        List<URL> classPath = new ArrayList<>();
        classPath.add(jcardsimJar());
        classPath.addAll(code.classPath());
        loader = new URLClassLoader(classPath.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        try {
            Class<?> simulatorClass = loader.loadClass(SIMULATOR);
            Class<?> aidClass = loader.loadClass(AID);
            simulator = simulatorClass.getConstructor().newInstance();
            transmit = simulatorClass.getMethod("transmitCommand", byte[].class);
            select = simulatorClass.getMethod("selectAppletWithResult", aidClass);
            reset = simulatorClass.getMethod("reset");
            aid = aidClass.getConstructor(byte[].class, short.class, byte.class);
            code.prepare(loader);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("jcardsim could not be started with the " + code, e);
        }
    }

    /** Installs an applet class of {@code com.valuekiosk.card.applet} with GlobalPlatform install parameters. */
    void install(String appletClass, String aidHex, byte[] applicationData) {
        byte[] aidBytes = Bytes.fromHex(aidHex);
        byte[] parameters = new byte[1 + aidBytes.length + 1 + 1 + applicationData.length];
        parameters[0] = (byte) aidBytes.length;
        System.arraycopy(aidBytes, 0, parameters, 1, aidBytes.length);
        parameters[1 + aidBytes.length] = 0; // no control information
        parameters[2 + aidBytes.length] = (byte) applicationData.length;
        System.arraycopy(applicationData, 0, parameters, 3 + aidBytes.length, applicationData.length);
        try {
            Class<?> applet = code.appletClass(loader, appletClass, aidHex);
            Class<?> aidClass = loader.loadClass(AID);
            simulator.getClass().getMethod("installApplet", aidClass, Class.class, byte[].class, short.class, byte.class)
                    .invoke(simulator, newAid(aidBytes), applet, parameters, (short) 0, (byte) parameters.length);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("installing " + appletClass + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("installing " + appletClass + " failed", e);
        }
    }

    /** SELECT by AID, as the card's runtime does it: deselect the current applet, select the new one. */
    byte[] select(byte[] aidBytes) throws InvocationTargetException {
        return (byte[]) invoke(select, newAid(aidBytes));
    }

    byte[] transmit(byte[] command) throws InvocationTargetException {
        return (byte[]) invoke(transmit, (Object) command);
    }

    /** Power lost: no applet selected any more. */
    void reset() throws InvocationTargetException {
        invoke(reset);
    }

    private Object newAid(byte[] aidBytes) {
        try {
            return aid.newInstance(aidBytes, (short) 0, (byte) aidBytes.length);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("jcardsim AID", e);
        }
    }

    private Object invoke(Method method, Object... arguments) throws InvocationTargetException {
        try {
            return method.invoke(simulator, arguments);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("jcardsim " + method.getName(), e);
        }
    }

    /** The applet classes' root (directory or jar), found as a resource: loading them here would need jcardsim. */
    static final URL APPLETS = codeRoot("com/valuekiosk/card/applet/CreditCardApplet.class");
    private static URL jcardsim;

    /** The jcardsim jar this module carries as a resource, as a file a class loader can open. */
    private static synchronized URL jcardsimJar() {
        if (jcardsim == null) {
            URL resource = JcardsimChip.class.getResource("jcardsim.jar");
            if (resource == null) {
                throw new IllegalStateException("jcardsim.jar is missing from the card simulator's resources");
            }
            try {
                if ("file".equals(resource.getProtocol())) {
                    jcardsim = resource;
                } else {
                    // Inside our own jar: a class loader cannot read a jar in a jar, so copy it out once.
                    Path copy = Files.createTempFile("jcardsim", ".jar");
                    copy.toFile().deleteOnExit();
                    try (InputStream in = resource.openStream()) {
                        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                    }
                    jcardsim = copy.toUri().toURL();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot unpack jcardsim", e);
            }
        }
        return jcardsim;
    }

    private static URL codeRoot(String resource) {
        URL url = JcardsimChip.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("cannot find " + resource + " on the class path");
        }
        String text = url.toString();
        try {
            if (text.startsWith("jar:")) {
                return new URL(text.substring(4, text.indexOf("!/")));
            }
            return new URL(text.substring(0, text.length() - resource.length()));
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException("cannot locate the classes of " + resource, e);
        }
    }
}

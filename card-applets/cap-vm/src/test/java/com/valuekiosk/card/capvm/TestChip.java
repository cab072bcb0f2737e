package com.valuekiosk.card.capvm;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A jcardsim card in a class loader of its own, as card-simulator's chips are: with the applet's
 * class (run as it is), or with the CAP interpreter and a CAP file (no applet class on it).
 */
final class TestChip {

    private final URLClassLoader loader;
    private final Object simulator;
    private final Constructor<?> aid;

    private TestChip(List<URL> classPath) throws ReflectiveOperationException {
        List<URL> urls = new ArrayList<>();
        urls.add(codeRoot("javacard/framework/Applet.class"));
        urls.addAll(classPath);
        loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        simulator = loader.loadClass("com.licel.jcardsim.base.Simulator").getConstructor().newInstance();
        aid = loader.loadClass("javacard.framework.AID").getConstructor(byte[].class, short.class, byte.class);
    }

    /** A chip that runs the class {@code appletClass} of the test classes. */
    static TestChip withClass(String appletClass, byte[] aidBytes) throws ReflectiveOperationException {
        TestChip chip = new TestChip(List.of(codeRoot(appletClass.replace('.', '/') + ".class", appletClass)));
        chip.install(chip.loader.loadClass(appletClass), aidBytes);
        return chip;
    }

    /** A chip that runs the applet {@code aidBytes} of a CAP file through the interpreter. */
    static TestChip withCap(byte[] capFile, byte[] aidBytes, AtomicLongArray counts) throws ReflectiveOperationException {
        TestChip chip = new TestChip(CapVmClassPath.urls());
        Class<?> proxy = chip.loader.loadClass(CapVmClassPath.PROXY_CLASS);
        proxy.getMethod("load", byte[].class, AtomicLongArray.class).invoke(null, capFile, counts);
        proxy.getMethod("nextApplet", String.class).invoke(null, CapPackage.hex(aidBytes));
        chip.install(proxy, aidBytes);
        return chip;
    }

    boolean canLoad(String className) {
        try {
            loader.loadClass(className);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private void install(Class<?> applet, byte[] aidBytes) throws ReflectiveOperationException {
        Class<?> aidClass = loader.loadClass("javacard.framework.AID");
        simulator.getClass().getMethod("installApplet", aidClass, Class.class, byte[].class, short.class, byte.class)
                .invoke(simulator, newAid(aidBytes), applet, new byte[0], (short) 0, (byte) 0);
        simulator.getClass().getMethod("selectAppletWithResult", aidClass).invoke(simulator, newAid(aidBytes));
    }

    byte[] transmit(byte[] command) throws ReflectiveOperationException {
        try {
            return (byte[]) simulator.getClass().getMethod("transmitCommand", byte[].class).invoke(simulator, (Object) command);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("jcardsim let an exception through", e.getCause());
        }
    }

    private Object newAid(byte[] bytes) throws ReflectiveOperationException {
        return aid.newInstance(bytes, (short) 0, (byte) bytes.length);
    }

    static URL codeRoot(String resource) {
        return codeRoot(resource, resource);
    }

    private static URL codeRoot(String resource, String what) {
        URL url = TestChip.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException(what + " is not on the test class path");
        }
        String text = url.toString();
        try {
            if (text.startsWith("jar:")) {
                return new URL(text.substring(4, text.indexOf("!/")));
            }
            return new URL(text.substring(0, text.length() - resource.length()));
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}

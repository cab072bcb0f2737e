package com.valuekiosk.card.sim;

import com.valuekiosk.card.cap.ApiTokens;
import com.valuekiosk.card.cap.ClassFiles;
import com.valuekiosk.card.cap.ConversionException;
import com.valuekiosk.card.cap.Converter;
import com.valuekiosk.card.capvm.CapVmClassPath;
import com.valuekiosk.card.host.Aids;
import com.valuekiosk.card.host.Bytes;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The applets as a card runs them: the applet classes converted by our converter into a CAP file
 * (the same settings and so the same bytes as the build's {@code valuekiosk-applets.cap}), run by
 * the CAP interpreter (card-applets/cap-vm) on jcardsim's API. No applet class is loaded on such a
 * chip: only jcardsim, the interpreter and the CAP file are there.
 *
 * <p>{@code -Dvaluekiosk.cap=FILE} runs the tests on that CAP file instead (one from another
 * converter, say), as long as it has the applets at the AIDs of APDU.md.
 */
final class CapAppletCode implements AppletCode {

    static final CapAppletCode APPLETS = new CapAppletCode();

    private static final String PACKAGE = "com/valuekiosk/card/applet";
    /** A CAP file to run instead of converting the applet classes. */
    static final String CAP_FILE_PROPERTY = "valuekiosk.cap";

    private final byte[] cap;

    private CapAppletCode() {
        cap = convert();
        CapInstructionCoverage.ran(cap);
    }

    /** The CAP file the chips run. */
    byte[] capFile() {
        return cap.clone();
    }

    private static byte[] convert() {
        String file = System.getProperty(CAP_FILE_PROPERTY, "");
        if (!file.isBlank()) {
            try {
                return java.nio.file.Files.readAllBytes(Path.of(file));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("reading the CAP file " + file, e);
            }
        }
        Converter.Settings settings = new Converter.Settings(PACKAGE, Bytes.fromHex(Aids.PACKAGE), 1, 0, List.of(
                new Converter.AppletSpec(PACKAGE + "/CreditCardApplet", Bytes.fromHex(Aids.CREDIT_CARD)),
                new Converter.AppletSpec(PACKAGE + "/PurseApplet", Bytes.fromHex(Aids.PURSE))));
        Map<String, byte[]> classes = ClassFiles.read(appletClasses(), PACKAGE);
        try {
            return Converter.convert(classes, settings, ApiTokens.javaCard304()).cap().toJar();
        } catch (ConversionException e) {
            throw new IllegalStateException("the applets do not convert: " + e.getMessage(), e);
        }
    }

    /** The directory or jar of the applet classes (read as files, never loaded here). */
    private static Path appletClasses() {
        try {
            URL root = JcardsimChip.APPLETS;
            return Path.of(root.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<URL> classPath() {
        return CapVmClassPath.urls();
    }

    @Override
    public void prepare(ClassLoader chip) throws ReflectiveOperationException {
        chip.loadClass(CapVmClassPath.PROXY_CLASS).getMethod("load", byte[].class, AtomicLongArray.class)
                .invoke(null, cap, CapInstructionCoverage.EXECUTED);
    }

    @Override
    public Class<?> appletClass(ClassLoader chip, String appletClass, String aidHex) throws ReflectiveOperationException {
        Class<?> proxy = chip.loadClass(CapVmClassPath.PROXY_CLASS);
        proxy.getMethod("nextApplet", String.class).invoke(null, aidHex);
        return proxy;
    }

    @Override
    public String toString() {
        return "CAP interpreter";
    }
}

package com.valuekiosk.card.capvm;

import java.net.MalformedURLException;
import java.net.URL;
import java.util.List;

/**
 * What a chip's class loader needs, beside jcardsim, to run a CAP file: this module's classes and
 * the converter's CAP reader and API tokens. Loads no class of jcardsim itself, so a host (the card
 * simulator's tests) can use it from outside a chip.
 */
public final class CapVmClassPath {

    /** The applet class a chip installs for every applet of the CAP file. */
    public static final String PROXY_CLASS = "com.valuekiosk.card.capvm.CapAppletProxy";

    private CapVmClassPath() {
    }

    /** The directories or jars of the interpreter's and the CAP reader's classes. */
    public static List<URL> urls() {
        return List.of(codeRoot("com/valuekiosk/card/capvm/CapVm.class"), codeRoot("com/valuekiosk/card/cap/CapFile.class"));
    }

    private static URL codeRoot(String resource) {
        URL url = CapVmClassPath.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("cannot find " + resource + " on the class path");
        }
        String text = url.toString();
        try {
            if (text.startsWith("jar:")) {
                return new URL(text.substring(4, text.indexOf("!/")));
            }
            return new URL(text.substring(0, text.length() - resource.length()));
        } catch (MalformedURLException e) {
            throw new IllegalStateException("cannot locate the classes of " + resource, e);
        }
    }
}

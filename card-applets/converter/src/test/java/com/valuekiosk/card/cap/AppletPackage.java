package com.valuekiosk.card.cap;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Map;

/** The compiled applet package of card-javacard, found on the test class path without loading it. */
final class AppletPackage {

    static final String NAME = "com/valuekiosk/card/applet";

    private AppletPackage() {
    }

    /** The directory or jar that holds the applet classes. */
    static Path location() {
        URL url = AppletPackage.class.getClassLoader().getResource(NAME + "/CreditCardApplet.class");
        if (url == null) {
            throw new IllegalStateException("applet classes not on the test class path");
        }
        try {
            String text = url.toString();
            if (text.startsWith("jar:")) {
                return Path.of(new java.net.URI(text.substring(4, text.indexOf("!/"))));
            }
            Path file = Path.of(url.toURI());
            return file.getParent().getParent().getParent().getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, byte[]> classes() {
        return ClassFiles.read(location(), NAME);
    }
}

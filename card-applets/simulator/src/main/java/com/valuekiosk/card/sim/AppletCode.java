package com.valuekiosk.card.sim;

import java.net.URL;
import java.util.List;

/**
 * What runs the applets on a simulated chip: their Java classes (what the kiosk, the demo and most
 * tests use), or something that stands in for them — the applet tests also run the converted CAP
 * file through our CAP interpreter (card-applets/cap-vm). A chip loads jcardsim and
 * {@link #classPath()} in a class loader of its own, calls {@link #prepare} once, then installs
 * the class {@link #appletClass} answers for each applet.
 */
public interface AppletCode {

    /** The applet classes of {@code com.valuekiosk.card.applet}, run by jcardsim as they are. */
    AppletCode CLASSES = new AppletCode() {
        @Override
        public List<URL> classPath() {
            return List.of(JcardsimChip.APPLETS);
        }

        @Override
        public Class<?> appletClass(ClassLoader chip, String appletClass, String aidHex) throws ClassNotFoundException {
            return chip.loadClass(appletClass);
        }

        @Override
        public String toString() {
            return "applet classes";
        }
    };

    /** Jars or class directories the chip loads beside jcardsim. */
    List<URL> classPath();

    /** Called once on a new chip, with its class loader, before any applet is installed. */
    default void prepare(ClassLoader chip) throws ReflectiveOperationException {
    }

    /**
     * The class jcardsim installs (its static {@code install(byte[], short, byte)}) for an applet.
     *
     * @param appletClass the applet's class name, {@code com.valuekiosk.card.applet.PurseApplet}
     * @param aidHex      the applet's AID
     */
    Class<?> appletClass(ClassLoader chip, String appletClass, String aidHex) throws ReflectiveOperationException;
}

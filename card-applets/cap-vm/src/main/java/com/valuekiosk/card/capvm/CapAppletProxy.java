package com.valuekiosk.card.capvm;

import java.util.concurrent.atomic.AtomicLongArray;
import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISOException;

/**
 * An applet of the CAP file as jcardsim sees it: a real {@link Applet} whose {@code process},
 * {@code select} and {@code deselect} run the interpreted class's methods, and whose fields are the
 * interpreted object's. jcardsim installs this class in place of an applet class: its static
 * {@link #install} runs the install method the CAP's Applet component gives the AID named by
 * {@link #nextApplet}.
 *
 * <p>The CAP file is loaded once per chip with {@link #load}: a chip has a class loader of its own
 * (card-simulator's {@code JcardsimChip}), so the statics of this class are that card's.
 */
public final class CapAppletProxy extends Applet implements CapObject {

    private static CapVm vm;
    private static String nextApplet;

    private final CapVm owner;
    private final CapPackage.CapClass type;
    private final short[] primitives;
    private final Object[] references;

    CapAppletProxy(CapVm owner, CapPackage.CapClass type) {
        this.owner = owner;
        this.type = type;
        this.primitives = new short[type.instanceSize];
        this.references = new Object[type.instanceSize];
    }

    /**
     * Loads the CAP file onto this chip: links it against the API and sets up its static fields.
     *
     * @param counts receives the executions of each instruction at its opcode (256 entries), or null
     */
    public static synchronized void load(byte[] capFile, AtomicLongArray counts) {
        vm = new CapVm(capFile, counts);
    }

    /** The applet (its AID in hex, as in the Applet component) the next {@link #install} call creates. */
    public static synchronized void nextApplet(String aidHex) {
        nextApplet = aidHex;
    }

    /** Called by jcardsim's installer. */
    public static void install(byte[] parameters, short offset, byte length) {
        if (vm == null || nextApplet == null) {
            throw new CapVmException("no CAP file loaded or no applet named before install");
        }
        try {
            vm.install(nextApplet, parameters, offset, length);
        } catch (CapVmException e) {
            throw reported(e);
        }
    }

    /**
     * jcardsim turns whatever an applet throws into a status word (6F00) or, during install, into
     * a SystemException of its own: the message would be lost, so a problem of the CAP or of the
     * interpreter is printed where the test output shows it.
     */
    private static CapVmException reported(CapVmException e) {
        System.err.println("CAP interpreter: " + e.getMessage());
        return e;
    }

    @Override
    public void process(APDU apdu) throws ISOException {
        if (call("process", "(Ljavacard/framework/APDU;)V", apdu) == CapVm.NOT_OVERRIDDEN) {
            throw reported(new CapVmException("the interpreted applet has no process method"));
        }
    }

    @Override
    public boolean select() {
        Object result = call("select", "()Z");
        return result == CapVm.NOT_OVERRIDDEN ? super.select() : (Boolean) result;
    }

    @Override
    public void deselect() {
        if (call("deselect", "()V") == CapVm.NOT_OVERRIDDEN) {
            super.deselect();
        }
    }

    private Object call(String name, String descriptor, Object... arguments) {
        try {
            return owner.callFromApi(this, name, descriptor, arguments);
        } catch (CapVmException e) {
            throw reported(e);
        }
    }

    @Override
    public CapPackage.CapClass capClass() {
        return type;
    }

    @Override
    public short[] primitiveFields() {
        return primitives;
    }

    @Override
    public Object[] referenceFields() {
        return references;
    }

    @Override
    public String toString() {
        return "interpreted applet of class@" + type.offset;
    }
}

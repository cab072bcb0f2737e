package com.valuekiosk.kiosk.ui;

/**
 * A process that keeps a transaction open across screens (a purchase's flow kept for "try again", a charge-up
 * waiting for YES / NO). When nobody has touched the kiosk for a while, the idle timeout reaches every process
 * through the {@link Navigator}: first to ask whether the screen shown must stay, then to settle what is open
 * before the kiosk goes back to the menu. FX thread only.
 */
public interface Settleable {

    /**
     * Whether the screen shown must stay even though nobody touches the kiosk: the process waits for something
     * only the person can do (a card taken away during the write, to be placed again). Default: never.
     */
    default boolean holdsScreen() {
        return false;
    }

    /**
     * The person walked away: closes or answers what this process has open (nothing when nothing is).
     *
     * @return true when the screens may go back to the menu; false when this process shows what comes next
     *         (the charge-up's "kept for later" after its NO)
     */
    boolean settleForIdle();
}

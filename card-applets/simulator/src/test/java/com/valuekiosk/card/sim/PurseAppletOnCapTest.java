package com.valuekiosk.card.sim;

/** Every test of {@link PurseAppletTest}, on the CAP file run by the CAP interpreter. */
class PurseAppletOnCapTest extends PurseAppletTest {

    @Override
    AppletCode appletCode() {
        return CapAppletCode.APPLETS;
    }
}

package com.valuekiosk.card.sim;

/** Every test of {@link RandomApduTest}, on the CAP file run by the CAP interpreter. */
class RandomApduOnCapTest extends RandomApduTest {

    @Override
    AppletCode appletCode() {
        return CapAppletCode.APPLETS;
    }
}

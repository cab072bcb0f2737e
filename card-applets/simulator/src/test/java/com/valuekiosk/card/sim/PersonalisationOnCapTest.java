package com.valuekiosk.card.sim;

/** Every test of {@link PersonalisationTest}, on the CAP file run by the CAP interpreter. */
class PersonalisationOnCapTest extends PersonalisationTest {

    @Override
    AppletCode appletCode() {
        return CapAppletCode.APPLETS;
    }
}

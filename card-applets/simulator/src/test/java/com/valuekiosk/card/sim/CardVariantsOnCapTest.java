package com.valuekiosk.card.sim;

/** Every test of {@link CardVariantsTest}, on the CAP file run by the CAP interpreter. */
class CardVariantsOnCapTest extends CardVariantsTest {

    @Override
    AppletCode appletCode() {
        return CapAppletCode.APPLETS;
    }
}

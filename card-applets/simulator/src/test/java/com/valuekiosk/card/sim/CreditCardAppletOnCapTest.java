package com.valuekiosk.card.sim;

/** Every test of {@link CreditCardAppletTest}, on the CAP file run by the CAP interpreter. */
class CreditCardAppletOnCapTest extends CreditCardAppletTest {

    @Override
    AppletCode appletCode() {
        return CapAppletCode.APPLETS;
    }
}

package com.valuekiosk.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NavigatorTest {

    @Test
    void leavingAScreenWipesWhatWasTypedThere() {
        Navigator navigator = new Navigator();
        TypedDigits pin = new TypedDigits(8);
        navigator.register(Screen.PURCHASE, pin::wipe);
        navigator.navigate(Screen.PURCHASE);
        pin.append('1');
        pin.append('2');

        navigator.navigate(Screen.PURCHASE);
        assertThat(pin.length()).as("staying is not leaving").isEqualTo(2);
        navigator.navigate(Screen.MENU);
        assertThat(pin.length()).isZero();
        assertThat(navigator.current()).isEqualTo(Screen.MENU);
    }

    @Test
    void typedDigitsShowOnlyCirclesAndHandOverAWipedCopy() {
        TypedDigits pin = new TypedDigits(4);
        for (char c : "12345".toCharArray()) {
            pin.append(c);
        }
        assertThat(pin.circles()).isEqualTo("●●●●");
        char[] taken = pin.take();
        assertThat(new String(taken)).isEqualTo("1234");
        assertThat(pin.length()).isZero();
        assertThat(pin.visibleDigits().toString()).isEmpty();
    }
}

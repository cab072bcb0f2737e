package com.valuekiosk.card.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PinSourceTest {

    @Test
    void pipedStandardInputGivesOneLinePerPromptThenNothing() throws Exception {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream("738205\n 738205 \n".getBytes(StandardCharsets.US_ASCII)));
        try {
            PinSource pins = PinSource.standard();
            assertThat(pins.readPin("PIN: ")).containsExactly('7', '3', '8', '2', '0', '5');
            assertThat(pins.readPin("again: ")).containsExactly('7', '3', '8', '2', '0', '5');
            assertThat(pins.readPin("more: ")).isNull();
        } finally {
            System.setIn(original);
        }
    }
}

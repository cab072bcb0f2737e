package com.valuekiosk.kiosk.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Currency;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReceiptTest {

    private static final Currency YEN = Currency.getInstance("JPY");

    @Test
    void aReceiptRefusesACardNumberThatIsNotMasked() {
        assertThatThrownBy(() -> receipt("4980 0000 0000 0013", "**** **** **** 0017"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maskedCreditCard").hasMessageNotContaining("4980");
        assertThatThrownBy(() -> receipt("**** **** **** 0013", "9900000000000017"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maskedEmoneyCard");
    }

    @Test
    void aReceiptKeepsTheMaskedNumbersAndTheAmountInMinorUnits() {
        Receipt receipt = receipt("**** **** **** 0013", "**** **** **** 0017");
        assertThat(receipt.maskedCreditCard()).isEqualTo("**** **** **** 0013");
        assertThat(receipt.amount()).isEqualTo(2_000);
        assertThatThrownBy(() -> new Receipt(UUID.randomUUID(), "KIOSK001", Instant.EPOCH, "**** 0013", "**** 0017", 0, YEN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Receipt receipt(String credit, String emoney) {
        return new Receipt(UUID.randomUUID(), "KIOSK001", Instant.EPOCH, credit, emoney, 2_000, YEN);
    }
}

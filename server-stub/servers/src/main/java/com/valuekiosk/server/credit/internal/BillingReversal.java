package com.valuekiosk.server.credit.internal;

import com.valuekiosk.server.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Gives a purchase's money back: the billing record is marked reversed (statements leave it out)
 * and the card's quota, or its bank balance, is restored. Runs inside the caller's transaction;
 * reversing a purchase twice changes nothing the second time.
 */
public final class BillingReversal {

    private BillingReversal() {
    }

    /** True when this call reversed the purchase; false when it was reversed already (or is unknown). */
    public static boolean reverse(Connection connection, UUID purchaseId, String reason, Instant at) throws SQLException {
        try (PreparedStatement mark = connection.prepareStatement(
                "UPDATE billing_records SET reversed_at = ?, reversal_reason = ? WHERE purchase_id = ? AND reversed_at IS NULL")) {
            mark.setObject(1, Database.utc(at));
            mark.setString(2, reason);
            mark.setString(3, purchaseId.toString());
            if (mark.executeUpdate() != 1) {
                return false;
            }
        }
        for (String restore : new String[] {
            "UPDATE card_accounts SET credit_used = credit_used - (SELECT amount FROM billing_records WHERE purchase_id = ?)"
                    + " WHERE account_type = 'CREDIT' AND card_number = (SELECT card_number FROM billing_records WHERE purchase_id = ?)",
            "UPDATE card_accounts SET bank_balance = bank_balance + (SELECT amount FROM billing_records WHERE purchase_id = ?)"
                    + " WHERE account_type = 'BANK' AND card_number = (SELECT card_number FROM billing_records WHERE purchase_id = ?)"}) {
            try (PreparedStatement update = connection.prepareStatement(restore)) {
                update.setString(1, purchaseId.toString());
                update.setString(2, purchaseId.toString());
                update.executeUpdate();
            }
        }
        return true;
    }
}

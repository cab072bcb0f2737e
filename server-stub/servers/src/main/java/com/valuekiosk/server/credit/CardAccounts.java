package com.valuekiosk.server.credit;

import com.valuekiosk.card.host.CreditCardProfile;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.pki.CertificateRole;
import com.valuekiosk.pki.PeerIdentity;
import com.valuekiosk.server.db.Database;
import com.valuekiosk.server.db.SqlClientRegistry;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.YearMonth;
import java.util.Collection;
import java.util.Objects;

/** Registration of credit card holders (FIG. 4A) and the demo data that matches the simulated cards. */
public final class CardAccounts {

    /** What a purchase bills: a credit line, or (bank cash card variant) a bank account's balance. */
    public enum AccountType { CREDIT, BANK }

    /** A BLOCKED card is declined with {@code CARD_NOT_ACTIVE}. */
    public enum Status { ACTIVE, BLOCKED }

    /** Credit line of the demo contact credit card. */
    public static final long DEMO_CREDIT_LIMIT = 100_000;
    /** Credit line of the demo contactless credit card. */
    public static final long DEMO_CONTACTLESS_LIMIT = 50_000;
    /** Bank balance behind the combo card's bank cash card. */
    public static final long DEMO_BANK_BALANCE = 30_000;

    private CardAccounts() {
    }

    /**
     * Registers an ACTIVE card, or updates a registered one (its status becomes ACTIVE again, the
     * credit already used is kept). {@code bankBalance} is required for BANK accounts and must be
     * null for CREDIT accounts; {@code creditLimit} is ignored by BANK purchases.
     */
    public static void register(Database database, String cardNumber, String holderName, String billingAccount,
                                AccountType accountType, YearMonth expiry, long creditLimit, Long bankBalance) {
        Objects.requireNonNull(accountType, "accountType");
        Objects.requireNonNull(expiry, "expiry");
        if ((accountType == AccountType.BANK) != (bankBalance != null)) {
            throw new IllegalArgumentException("a BANK account has a bank balance, a CREDIT account has none");
        }
        if (creditLimit < 0 || (bankBalance != null && bankBalance < 0)) {
            throw new IllegalArgumentException("limits and balances are not negative");
        }
        database.inTransaction(connection -> {
            try (PreparedStatement merge = connection.prepareStatement(
                    "MERGE INTO card_accounts AS a USING (VALUES (?, ?, ?, ?, ?, ?, ?))"
                            + " AS v(card_number, holder_name, billing_account, account_type, expiry, credit_limit, bank_balance)"
                            + " ON a.card_number = v.card_number"
                            + " WHEN MATCHED THEN UPDATE SET holder_name = v.holder_name, billing_account = v.billing_account,"
                            + " account_type = v.account_type, expiry = v.expiry, status = 'ACTIVE',"
                            + " credit_limit = v.credit_limit, bank_balance = v.bank_balance"
                            + " WHEN NOT MATCHED THEN INSERT (card_number, holder_name, billing_account, account_type, expiry,"
                            + " status, credit_limit, credit_used, bank_balance)"
                            + " VALUES (v.card_number, v.holder_name, v.billing_account, v.account_type, v.expiry,"
                            + " 'ACTIVE', v.credit_limit, 0, v.bank_balance)")) {
                merge.setString(1, cardNumber);
                merge.setString(2, holderName);
                merge.setString(3, billingAccount);
                merge.setString(4, accountType.name());
                merge.setString(5, expiry.toString());
                merge.setLong(6, creditLimit);
                if (bankBalance == null) {
                    merge.setNull(7, Types.BIGINT);
                } else {
                    merge.setLong(7, bankBalance);
                }
                merge.executeUpdate();
            }
            return null;
        });
    }

    /** Blocks or unblocks a card; false when the card is not registered. */
    public static boolean setStatus(Database database, String cardNumber, Status status) {
        return database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE card_accounts SET status = ? WHERE card_number = ?")) {
                update.setString(1, status.name());
                update.setString(2, cardNumber);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** The credit cards of {@link DemoCards} and the given terminals. */
    public static void seedDemo(Database database, Collection<String> terminalIds) {
        register(database, DemoCards.CREDIT_CARD, "JP-CREDIT-0001-0013", AccountType.CREDIT, DEMO_CREDIT_LIMIT, null);
        register(database, DemoCards.CONTACTLESS_CREDIT_CARD, "JP-CREDIT-0001-0021", AccountType.CREDIT,
                DEMO_CONTACTLESS_LIMIT, null);
        register(database, DemoCards.COMBO_CREDIT, "JP-BANK-0001-2345678", AccountType.BANK, 0, DEMO_BANK_BALANCE);
        database.inTransaction(connection -> {
            for (String terminal : terminalIds) {
                SqlClientRegistry.register(connection, new PeerIdentity(CertificateRole.TERMINAL, terminal), "demo kiosk");
            }
            return null;
        });
    }

    private static void register(Database database, CreditCardProfile card, String billingAccount, AccountType type,
                                 long creditLimit, Long bankBalance) {
        register(database, card.cardNumber().digits(), card.holderName(), billingAccount, type, card.expiry(),
                creditLimit, bankBalance);
    }
}

package com.valuekiosk.server.emoney;

import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.pki.CertificateRole;
import com.valuekiosk.pki.DevPki;
import com.valuekiosk.pki.PeerIdentity;
import com.valuekiosk.server.db.Database;
import com.valuekiosk.server.db.SqlClientRegistry;
import com.valuekiosk.server.emoney.internal.PasswordHasher;
import java.util.Arrays;
import java.util.Collection;

/** Registration of e-money users (FIG. 6A) and the demo data that matches the simulated cards. */
public final class EmoneyUsers {

    /** Password of the demo phone's e-money account (the other demo cards have none). Development only. */
    public static final String DEMO_PHONE_PASSWORD = "2468";

    private EmoneyUsers() {
    }

    /**
     * Registers a user, or updates one. {@code password} may be null (no password); it is stored
     * only as an Argon2id hash and wiped here. {@code linkedCreditCard} enables the mapping variant.
     */
    public static void register(Database database, String cardNumber, String userName, char[] password,
                                String bankAccount, String linkedCreditCard) {
        String hash = password == null ? null : new PasswordHasher().hash(password);
        if (password != null) {
            Arrays.fill(password, '\0');
        }
        database.inTransaction(connection -> {
            try (var merge = connection.prepareStatement(
                    "MERGE INTO emoney_users AS u USING (VALUES (?, ?, ?, ?, ?)) AS v(card_number, user_name, password_hash, bank_account, linked_credit_card)"
                            + " ON u.card_number = v.card_number"
                            + " WHEN MATCHED THEN UPDATE SET user_name = v.user_name, password_hash = v.password_hash,"
                            + " bank_account = v.bank_account, linked_credit_card = v.linked_credit_card,"
                            + " failed_password_attempts = 0, locked_until = NULL"
                            + " WHEN NOT MATCHED THEN INSERT (card_number, user_name, password_hash, bank_account, linked_credit_card)"
                            + " VALUES (v.card_number, v.user_name, v.password_hash, v.bank_account, v.linked_credit_card)")) {
                merge.setString(1, cardNumber);
                merge.setString(2, userName);
                merge.setString(3, hash);
                merge.setString(4, bankAccount);
                merge.setString(5, linkedCreditCard);
                merge.executeUpdate();
            }
            return null;
        });
    }

    /** The demo users of {@link DemoCards}, the given terminals, the credit company server and the "points" system. */
    public static void seedDemo(Database database, Collection<String> terminalIds) {
        register(database, DemoCards.EMONEY_CARD.cardNumber().digits(), "TARO YAMADA", null, "JP-0001-1234567", null);
        register(database, DemoCards.COMBO_PURSE.cardNumber().digits(), "JIRO SUZUKI", null, "JP-0001-2345678",
                DemoCards.COMBO_CREDIT.cardNumber().digits());
        register(database, DemoCards.PHONE_PURSE.cardNumber().digits(), "HANAKO SATO", DEMO_PHONE_PASSWORD.toCharArray(),
                "JP-0001-3456789", null);
        database.inTransaction(connection -> {
            for (String terminal : terminalIds) {
                SqlClientRegistry.register(connection, new PeerIdentity(CertificateRole.TERMINAL, terminal), "demo kiosk");
            }
            SqlClientRegistry.register(connection, new PeerIdentity(CertificateRole.CREDIT_SERVER, DevPki.CREDIT_SERVER_NAME),
                    "credit company server");
            SqlClientRegistry.register(connection, new PeerIdentity(CertificateRole.POINTS_SYSTEM, "points"), "demo points system");
            return null;
        });
    }
}

package com.valuekiosk.kiosk.ui.menu;

import static com.valuekiosk.kiosk.ui.controls.Views.button;
import static com.valuekiosk.kiosk.ui.controls.Views.label;

import com.valuekiosk.kiosk.ui.Keys;
import com.valuekiosk.kiosk.ui.Messages;
import com.valuekiosk.kiosk.ui.Styles;
import com.valuekiosk.kiosk.ui.View;
import com.valuekiosk.kiosk.ui.controls.Views;
import javafx.scene.Parent;
import javafx.scene.layout.VBox;

/** FIG. 9A. Node ids: menu-purchase (not on a home terminal), menu-balance, menu-chargeup. */
public final class MenuView implements View {

    private final VBox root;

    public MenuView(MenuViewModel model, Messages messages) {
        root = Views.screen(Styles.SCREEN, Styles.SCREEN_CENTERED);
        root.getChildren().add(label(messages.text(Keys.MENU_TITLE), Styles.SCREEN_TITLE));
        if (model.sellsValue()) { // a home terminal (R-KI6) only charges up and shows balances
            root.getChildren().add(
                    button("menu-purchase", messages.text(Keys.MENU_PURCHASE), model::purchase, Styles.MENU_BUTTON));
        }
        root.getChildren().addAll(
                button("menu-balance", messages.text(Keys.MENU_BALANCE), model::balanceInquiry, Styles.MENU_BUTTON),
                button("menu-chargeup", messages.text(Keys.MENU_CHARGE_UP), model::chargeUp, Styles.MENU_BUTTON));
    }

    @Override
    public Parent root() {
        return root;
    }
}

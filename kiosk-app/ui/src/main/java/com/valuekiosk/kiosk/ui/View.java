package com.valuekiosk.kiosk.ui;

import javafx.scene.Parent;

/** A screen's view: the nodes of one {@link Screen}, bound to its view model. */
public interface View {

    Parent root();
}

package com.valuekiosk.card.cap;

import java.util.List;

/** The class files use something a Java Card cannot run; each problem names class, method and source line. */
public final class ConversionException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConversionException(List<String> problems) {
        super(problems.size() + " error(s):\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

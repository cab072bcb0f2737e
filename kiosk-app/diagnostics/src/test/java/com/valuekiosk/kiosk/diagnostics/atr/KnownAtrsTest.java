package com.valuekiosk.kiosk.diagnostics.atr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownAtrsTest {

    /** Lines in the list's own format (pcsc-tools' smartcard_list.txt), wildcards and alternatives included. */
    private static final List<String> LIST = List.of(
            "# syntax:",
            "# ATR in regular expression form",
            "",
            "3B 02 14 50",
            "\tSchlumberger Multiflex 3k",
            "",
            "3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 00 01 00 00 00 00 6A",
            "\tNXP/Philips MIFARE Classic 1K (as per PCSC std part3)",
            "\thttp://www.nxp.com/",
            "",
            "3B 8F 80 01 80 4F 0C A0 00 00 03 06 .. 00 .. 00 00 00 00 ..",
            "\tRFID - ISO 14443 Type A or B with a storage card (PC/SC part 3)",
            "",
            "3B 39 19 00 53 4F 4D 41 44 53 33 30 3[1,3]",
            "\tSomething with an alternative",
            "",
            "3B (((",
            "\tan entry that is not a regular expression is left out");

    @Test
    void everyMatchingEntryNamesTheCardInTheListsOrder() {
        KnownAtrs known = KnownAtrs.parse(LIST, Path.of("smartcard_list.txt"));

        assertThat(known.size()).isEqualTo(4);
        assertThat(known.namesOf(Atr.parse("3B8F8001804F0CA000000306030001000000006A"))).containsExactly(
                "NXP/Philips MIFARE Classic 1K (as per PCSC std part3)", "http://www.nxp.com/",
                "RFID - ISO 14443 Type A or B with a storage card (PC/SC part 3)");
        assertThat(known.namesOf(Atr.parse("3B 02 14 50"))).containsExactly("Schlumberger Multiflex 3k");
        assertThat(known.namesOf(Atr.parse("3B 39 19 00 53 4F 4D 41 44 53 33 30 33"))).hasSize(1);
        assertThat(known.namesOf(Atr.parse("3B 39 19 00 53 4F 4D 41 44 53 33 30 32"))).isEmpty();
    }

    @Test
    void theWholeAtrMustMatchNotAPrefix() {
        KnownAtrs known = KnownAtrs.parse(LIST, Path.of("smartcard_list.txt"));

        assertThat(known.namesOf(Atr.parse("3B 02 14 50 00"))).isEmpty();
    }

    @Test
    void aListFileIsReadAndAMissingOneMeansNoNames(@TempDir Path directory) throws Exception {
        Path file = Files.write(directory.resolve("smartcard_list.txt"), LIST);

        assertThat(KnownAtrs.loadIfPresent(file).namesOf(Atr.parse("3B 02 14 50"))).hasSize(1);
        KnownAtrs none = KnownAtrs.loadIfPresent(directory.resolve("missing.txt"));
        assertThat(none.size()).isZero();
        assertThat(none.source()).isEqualTo("(none)");
    }
}

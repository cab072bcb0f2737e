package com.valuekiosk.kiosk.pcsc;

import com.valuekiosk.card.host.DemoCards;
import java.io.IOException;
import java.time.Duration;

/**
 * The demo cards behind vpcd by hand, to try valuekiosk-diag (or pcsc_scan) without hardware: the demo credit card in
 * the reader on the first port, the demo e-money card in the one on the second (vpcd's defaults: 35963, 35964). Runs
 * until its standard input ends or it is stopped. See this module's README for the commands.
 *
 * <pre>java -cp … com.valuekiosk.kiosk.pcsc.VpcdDemoCards [CONTACT_PORT [CONTACTLESS_PORT]]</pre>
 */
public final class VpcdDemoCards {

    private VpcdDemoCards() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int contact = args.length > 0 ? Integer.parseInt(args[0]) : 35963;
        int contactless = args.length > 1 ? Integer.parseInt(args[1]) : contact + 1;
        try (VpcdCard credit = new VpcdCard(PcscKiosk.CARDS.creditCard(DemoCards.CREDIT_CARD), contact);
             VpcdCard purse = new VpcdCard(PcscKiosk.CARDS.purseCard(DemoCards.EMONEY_CARD), contactless)) {
            credit.insert(Duration.ofSeconds(30));
            purse.insert(Duration.ofSeconds(30));
            System.out.println("demo credit card on port " + contact + ", demo e-money card on port " + contactless
                    + "; end standard input (Ctrl-D) to take them out");
            while (System.in.read() >= 0) {
                // wait for the end of standard input
            }
        }
    }
}

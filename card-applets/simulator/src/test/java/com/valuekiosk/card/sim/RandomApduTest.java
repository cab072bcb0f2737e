package com.valuekiosk.card.sim;

import static com.valuekiosk.card.host.CardProtocol.APPLET_KIND_CREDIT;
import static com.valuekiosk.card.host.CardProtocol.APPLET_KIND_PURSE;
import static com.valuekiosk.card.host.CardProtocol.APPLET_VERSION;
import static com.valuekiosk.card.host.CardProtocol.CLA_ISO;
import static com.valuekiosk.card.host.CardProtocol.CLA_PROPRIETARY;
import static com.valuekiosk.card.host.CardProtocol.INS_ACTIVATE;
import static com.valuekiosk.card.host.CardProtocol.INS_AUTHORIZE_PURCHASE;
import static com.valuekiosk.card.host.CardProtocol.INS_CREDIT;
import static com.valuekiosk.card.host.CardProtocol.INS_DEBIT;
import static com.valuekiosk.card.host.CardProtocol.INS_GET_DATA;
import static com.valuekiosk.card.host.CardProtocol.INS_PUT_DATA;
import static com.valuekiosk.card.host.CardProtocol.INS_READ_RECORD;
import static com.valuekiosk.card.host.CardProtocol.INS_SELECT;
import static com.valuekiosk.card.host.CardProtocol.INS_VERIFY;
import static com.valuekiosk.card.host.CardProtocol.LIFE_CYCLE_OPERATIONAL;
import static com.valuekiosk.card.host.CardProtocol.LOG_CAPACITY;
import static com.valuekiosk.card.host.CardProtocol.LOG_TYPE_CREDIT;
import static com.valuekiosk.card.host.CardProtocol.LOG_TYPE_DEBIT;
import static com.valuekiosk.card.host.CardProtocol.P2_READ_RECORD_BY_NUMBER;
import static com.valuekiosk.card.host.CardProtocol.P2_VERIFY_PIN;
import static com.valuekiosk.card.host.CardProtocol.PIN_VERIFIED;
import static com.valuekiosk.card.host.CardProtocol.MAC_TYPE_PURCHASE_CRYPTOGRAM;
import static com.valuekiosk.card.host.CardProtocol.SW_BAD_MAC;
import static com.valuekiosk.card.host.CardProtocol.SW_FILE_NOT_FOUND;
import static com.valuekiosk.card.host.CardProtocol.SW_INSUFFICIENT_BALANCE;
import static com.valuekiosk.card.host.CardProtocol.SW_MAXIMUM_BALANCE_EXCEEDED;
import static com.valuekiosk.card.host.CardProtocol.SW_PIN_BLOCKED;
import static com.valuekiosk.card.host.CardProtocol.SW_PIN_TRIES_REMAINING;
import static com.valuekiosk.card.host.CardProtocol.SW_RECORD_NOT_FOUND;
import static com.valuekiosk.card.host.CardProtocol.SW_SECURITY_STATUS_NOT_SATISFIED;
import static com.valuekiosk.card.host.CardProtocol.SW_SEQUENCE_MISMATCH;
import static com.valuekiosk.card.host.CardProtocol.SW_SUCCESS;
import static com.valuekiosk.card.host.CardProtocol.SW_UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.AmountChange;
import com.valuekiosk.card.host.Aids;
import com.valuekiosk.card.host.Bytes;
import com.valuekiosk.card.host.CardCommands;
import com.valuekiosk.card.host.CardKeys;
import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.card.host.CreditCardData;
import com.valuekiosk.card.host.DebitAuthorization;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.card.host.KeyUsage;
import com.valuekiosk.card.host.PurchaseRequest;
import com.valuekiosk.card.host.PurseData;
import com.valuekiosk.card.host.PurseReceipt;
import com.valuekiosk.card.host.TerminalId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Randomised robustness of both applets on jcardsim. Each run sends thousands of APDUs — random
 * bytes, random headers with our class and instruction bytes, mutations of valid commands, replays,
 * genuinely valid commands and power cycles — and holds the card to a model after every step:
 * <ul>
 *   <li>every answer is at least a status word and never 6F00 (an exception the applet let escape);</li>
 *   <li>purse: balance, credit and debit sequence and log change only through a CREDIT or DEBIT the
 *       test MACed for the card's current sequence number, and then by exactly its amount;</li>
 *   <li>credit card: the ATC goes up only on a 9000 AUTHORIZE PURCHASE, one per successful VERIFY
 *       in the same selection, and the cryptogram is right for the data actually sent.</li>
 * </ul>
 * Everything is drawn from one {@link Random} per seed, so a failure names the seed and the step and
 * replays exactly; the failure message also lists the last APDUs sent.
 */
class RandomApduTest {

    /** What runs the applets: their classes here; {@link RandomApduOnCapTest} runs every test of this class on the CAP file. */
    AppletCode appletCode() {
        return AppletCode.CLASSES;
    }

    SimulatedCardFactory factory() {
        return CardTestSupport.factory(appletCode());
    }

    /** Steps per seed; a step is one to three APDUs, then the state is read back (more APDUs). */
    private static final int STEPS = 5_000;

    private static final IssuerMasterKeys ISSUER = IssuerMasterKeys.demo();
    private static final CardNumber CREDIT_NUMBER = DemoCards.CREDIT_CARD.cardNumber();
    private static final CardNumber PURSE_NUMBER = DemoCards.EMONEY_CARD.cardNumber();
    private static final byte[] PURSE_CREDIT_KEY = ISSUER.cardKey(KeyUsage.PURSE_CREDIT, PURSE_NUMBER);
    private static final byte[] PURSE_DEBIT_KEY = ISSUER.cardKey(KeyUsage.PURSE_DEBIT, PURSE_NUMBER);
    private static final byte[] CARD_KEY = ISSUER.cardKey(KeyUsage.PURCHASE_CRYPTOGRAM, CREDIT_NUMBER);
    private static final TerminalId TERMINAL = new TerminalId("KIOSK-01");
    private static final byte[] INSTRUCTIONS = {INS_SELECT, INS_VERIFY, INS_GET_DATA, INS_READ_RECORD,
        INS_AUTHORIZE_PURCHASE, INS_DEBIT, INS_CREDIT, INS_PUT_DATA, INS_ACTIVATE};
    /** The SELECT answers' first bytes; the card's data follows (APDU.md 3.1), then 9000. */
    private static final byte[] CREDIT_SELECTED = {APPLET_KIND_CREDIT, APPLET_VERSION, LIFE_CYCLE_OPERATIONAL};
    private static final byte[] PURSE_SELECTED = {APPLET_KIND_PURSE, APPLET_VERSION, LIFE_CYCLE_OPERATIONAL};
    /** CLA INS P1 P2 Lc and the 22 data bytes of CREDIT and DEBIT: what the card acts on, Le aside. */
    private static final int MONEY_COMMAND_BODY = 5 + 22;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 20_240_601L, 987_654_321L})
    void purseAnswersEveryRandomApduAndChangesBalanceOnlyThroughValidMacedCommands(long seed) {
        PurseRun run = new PurseRun(seed, factory());
        run.execute();

        // The model was exercised both ways, so the invariants were not checked vacuously.
        assertThat(run.appliedCredits).as(run.trace::describe).isGreaterThan(50);
        assertThat(run.appliedDebits).as(run.trace::describe).isGreaterThan(50);
        assertThat(run.refusedGenuine).as(run.trace::describe).isGreaterThan(20);
        assertThat(run.badMacs).as(run.trace::describe).isGreaterThan(50);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 20_240_601L, 987_654_321L})
    void creditCardAnswersEveryRandomApduAndCountsOnlyPurchasesAuthorisedAfterVerify(long seed) {
        CreditRun run = new CreditRun(seed, factory());
        run.execute();

        assertThat(run.authorisations).as(run.trace::describe).isGreaterThan(100);
        assertThat(run.refusedForMissingVerify).as(run.trace::describe).isGreaterThan(20);
        assertThat(run.wrongPins).as(run.trace::describe).isGreaterThan(20);
    }

    // ---------------------------------------------------------------------------------------------

    /** What both runs share: the card, the random source, the trace and the 6F00 check. */
    private abstract static class Run {

        final Random random;
        final Trace trace;
        final SimulatedCard card;
        /** Whether an applet is selected; known exactly from the answers (a SELECT answers 3 bytes). */
        boolean selected;

        Run(long seed, String name, SimulatedCard card) {
            this.random = new Random(seed);
            this.trace = new Trace(seed, name);
            this.card = card;
        }

        final void execute() {
            for (int step = 1; step <= STEPS; step++) {
                trace.step = step;
                int commands = random.nextInt(4) == 0 ? 2 + random.nextInt(2) : 1;
                for (int i = 0; i < commands; i++) {
                    sendOne();
                    afterCommand();
                }
                checkState();
            }
        }

        private void sendOne() {
            int roll = random.nextInt(100);
            if (roll < 3) {
                card.powerOff();
                trace.record("power off", null, null);
                poweredOff();
            } else if (roll < 25) {
                sendUnknown("random bytes", randomBytes());
            } else if (roll < 50) {
                sendUnknown("random header", randomHeader());
            } else if (roll < 80) {
                Labelled valid = someValidCommand();
                sendUnknown("mutated " + valid.label, mutate(valid.command));
            } else {
                sendValid();
            }
        }

        /** Sends a command the test makes no prediction for, and updates the model from the answer. */
        abstract void sendUnknown(String label, byte[] command);

        /** Sends a genuinely valid command and checks the answer the model predicts. */
        abstract void sendValid();

        /** A valid command of either applet, as material for mutations. */
        abstract Labelled someValidCommand();

        /** Reads the card's state back and compares it with the model. */
        abstract void checkState();

        /** Runs after every command of a step, before the next one. */
        void afterCommand() {
        }

        void poweredOff() {
            selected = false;
        }

        final byte[] send(String label, byte[] command) {
            byte[] response = card.transmit(command);
            trace.record(label, command, response);
            assertThat(response).as(() -> "answer to " + label + "\n" + trace.describe()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(sw(response)).as(() -> "6F00 (an exception escaped the applet) for " + label + "\n"
                    + trace.describe()).isNotEqualTo(SW_UNKNOWN);
            return response;
        }

        final void expectSw(byte[] response, int expected, String what) {
            assertThat(StatusWord.of(sw(response))).as(() -> what + "\n" + trace.describe())
                    .isEqualTo(StatusWord.of(expected));
        }

        // ---- Command generators ----

        final byte[] randomBytes() {
            byte[] bytes = new byte[random.nextInt(41)];
            random.nextBytes(bytes);
            return bytes;
        }

        /** Our class and instruction bytes with random P1/P2, Lc, data and Le, consistent or not. */
        final byte[] randomHeader() {
            byte cla = random.nextBoolean() ? CLA_ISO : CLA_PROPRIETARY;
            byte ins = INSTRUCTIONS[random.nextInt(INSTRUCTIONS.length)];
            byte p1 = random.nextInt(3) == 0 ? randomByte() : 0x00;
            byte p2 = switch (random.nextInt(4)) {
                case 0 -> P2_VERIFY_PIN;
                case 1 -> P2_READ_RECORD_BY_NUMBER;
                case 2 -> randomByte();
                default -> 0x00;
            };
            byte[] header = {cla, ins, p1, p2};
            switch (random.nextInt(5)) {
                case 0:
                    return header;
                case 1:
                    return concat(header, new byte[] {randomByte()});
                case 2:
                case 3: {
                    byte[] data = randomData(ins, 1 + random.nextInt(30));
                    byte[] command = concat(header, new byte[] {(byte) data.length}, data);
                    return random.nextBoolean() ? command : concat(command, new byte[] {randomByte()});
                }
                default: {
                    // Lc that most likely disagrees with the data that follows.
                    byte[] data = randomData(ins, random.nextInt(30));
                    return concat(header, new byte[] {randomByte()}, data);
                }
            }
        }

        /** Random data; for VERIFY mostly digits, so that PINs get checked (and are mostly wrong). */
        private byte[] randomData(byte ins, int length) {
            byte[] data = new byte[length];
            if (ins == INS_VERIFY && random.nextBoolean()) {
                for (int i = 0; i < length; i++) {
                    data[i] = (byte) ('0' + random.nextInt(10));
                }
            } else {
                random.nextBytes(data);
            }
            return data;
        }

        /** Bit flips, truncation, extension, a changed Lc or a replaced byte. */
        final byte[] mutate(byte[] valid) {
            byte[] m = valid.clone();
            switch (random.nextInt(6)) {
                case 0:
                    for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                        m[random.nextInt(m.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                    return m;
                case 1:
                    return Arrays.copyOf(m, random.nextInt(m.length));
                case 2: {
                    byte[] longer = Arrays.copyOf(m, m.length + 1 + random.nextInt(4));
                    for (int i = m.length; i < longer.length; i++) {
                        longer[i] = randomByte();
                    }
                    return longer;
                }
                case 3:
                    if (m.length > 4) {
                        m[4] = random.nextBoolean() ? (byte) (m[4] + 1 + random.nextInt(3) * (random.nextBoolean() ? 1 : -1))
                                : randomByte();
                        return m;
                    }
                    return concat(m, new byte[] {randomByte()});
                case 4:
                    m[random.nextInt(m.length)] = randomByte();
                    return m;
                default:
                    m[random.nextInt(4)] ^= (byte) (1 << random.nextInt(8));
                    return m;
            }
        }

        /** Valid commands of both applets (for mutation; each card also gets the other applet's). */
        final Labelled commonValidCommand() {
            return switch (random.nextInt(8)) {
                case 0 -> new Labelled("SELECT credit", CardCommands.select(Aids.CREDIT_CARD));
                case 1 -> new Labelled("SELECT purse", CardCommands.select(Aids.PURSE));
                case 2 -> new Labelled("VERIFY 1234", correctVerify());
                case 3 -> new Labelled("VERIFY status", CardCommands.pinStatus());
                case 4 -> new Labelled("AUTHORIZE PURCHASE", CardCommands.authorizePurchase(purchaseRequest()));
                case 5 -> new Labelled("GET DATA", CardCommands.getData());
                case 6 -> new Labelled("READ RECORD", CardCommands.readLogRecord(1 + random.nextInt(12)));
                default -> new Labelled("PUT DATA", CardCommands.putData((byte) (1 + random.nextInt(6)), randomBytes16()));
            };
        }

        final PurchaseRequest purchaseRequest() {
            return new PurchaseRequest(1 + random.nextInt(1_000_000), DemoCards.YEN, PURSE_NUMBER, TERMINAL);
        }

        private byte[] randomBytes16() {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            return bytes;
        }

        final byte randomByte() {
            return (byte) random.nextInt(256);
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** The purse and its model: balance, both sequence numbers and the log. */
    private static final class PurseRun extends Run {

        private static final long MAXIMUM = DemoCards.EMONEY_CARD.maximumBalance();

        long balance = DemoCards.EMONEY_CARD.initialBalance();
        int creditSequence;
        int debitSequence;
        /** Log records the card should answer, newest first. */
        final Deque<byte[]> log = new ArrayDeque<>();

        /** Every CREDIT and DEBIT the test MACed, by the bytes the card acts on. */
        final Map<String, Genuine> genuine = new HashMap<>();
        final List<byte[]> genuineCommands = new ArrayList<>();

        int appliedCredits;
        int appliedDebits;
        /** Genuine commands refused for a stale sequence or a limit (replays, too large). */
        int refusedGenuine;
        /** Random or mutated CREDIT/DEBIT commands refused for their MAC. */
        int badMacs;

        PurseRun(long seed, SimulatedCardFactory factory) {
            super(seed, "purse", factory.purseCard(DemoCards.EMONEY_CARD));
        }

        @Override
        void sendUnknown(String label, byte[] command) {
            Genuine known = genuineFor(command);
            if (known != null) {
                // A mutation that left header, Lc and data alone (only Le changed): still the real thing.
                sendGenuine(label + " (still genuine)", command, known);
                return;
            }
            byte[] response = send(label, command);
            noteSelection(response);
            int sw = sw(response);
            if (isMoneyCommand(command)) {
                assertThat(StatusWord.of(sw)).as(() -> "a CREDIT/DEBIT the test did not MAC was accepted\n"
                        + trace.describe()).isNotEqualTo(StatusWord.of(SW_SUCCESS));
                if (sw == SW_BAD_MAC) {
                    badMacs++;
                }
            }
            if (isPersonalisationCommand(command)) {
                assertThat(StatusWord.of(sw)).as(() -> "personalisation after ACTIVATE\n" + trace.describe())
                        .isNotEqualTo(StatusWord.of(SW_SUCCESS));
            }
        }

        @Override
        void sendValid() {
            int roll = random.nextInt(100);
            if (roll < 55) {
                // Credit the more likely the lower the balance: it hovers around half the maximum.
                if (random.nextInt((int) MAXIMUM) >= balance) {
                    sendGenuineFresh(credit(1 + random.nextInt(2_000), creditSequence));
                } else {
                    sendGenuineFresh(debit(1 + random.nextInt((int) Math.min(balance, 2_000)), debitSequence));
                }
            } else if (roll < 58) {
                sendGenuineFresh(credit(MAXIMUM - balance + 1 + random.nextInt(1_000), creditSequence));
            } else if (roll < 61) {
                sendGenuineFresh(debit(balance + 1 + random.nextInt(1_000), debitSequence));
            } else if (roll < 70 && !genuineCommands.isEmpty()) {
                byte[] old = genuineCommands.get(random.nextInt(genuineCommands.size()));
                sendGenuine("replayed " + genuineFor(old).label(), old, genuineFor(old));
            } else if (roll < 80) {
                readRecord(1 + random.nextInt(LOG_CAPACITY + 2));
            } else if (roll < 90) {
                byte[] response = send("GET DATA", CardCommands.getData());
                if (selected) {
                    expectSw(response, SW_SUCCESS, "GET DATA");
                    checkPurseData(response);
                } else {
                    expectSw(response, SW_FILE_NOT_FOUND, "GET DATA with nothing selected");
                }
            } else {
                selectPurse();
            }
        }

        @Override
        Labelled someValidCommand() {
            int roll = random.nextInt(10);
            if (roll < 3) {
                return credit(1 + random.nextInt(2_000), creditSequence);
            }
            if (roll < 6) {
                return debit(1 + random.nextInt(2_000), debitSequence);
            }
            if (roll < 7 && !genuineCommands.isEmpty()) {
                byte[] old = genuineCommands.get(random.nextInt(genuineCommands.size()));
                return new Labelled("old " + genuineFor(old).label(), old);
            }
            return commonValidCommand();
        }

        /** State after every step; when nothing is selected it is sometimes left unread for a while. */
        @Override
        void checkState() {
            if (!selected) {
                if (random.nextBoolean()) {
                    return;
                }
                selectPurse();
            }
            byte[] response = send("GET DATA (state check)", CardCommands.getData());
            expectSw(response, SW_SUCCESS, "GET DATA (state check)");
            checkPurseData(response);
        }

        private void selectPurse() {
            byte[] response = send("SELECT purse", CardCommands.select(Aids.PURSE));
            assertThat(isSelectAnswer(response, PURSE_SELECTED)).as(() -> "SELECT purse\n" + trace.describe()).isTrue();
            selected = true;
            // The SELECT answer carries the GET DATA answer: the same model check.
            checkPurseData(Arrays.copyOfRange(response, PURSE_SELECTED.length, response.length));
        }

        private void checkPurseData(byte[] response) {
            PurseData data = PurseData.parse(Arrays.copyOf(response, response.length - 2));
            assertThat(data.cardNumber()).as(trace::describe).isEqualTo(PURSE_NUMBER);
            assertThat(data.maximumBalance()).as(trace::describe).isEqualTo(MAXIMUM);
            assertThat(data.balance()).as(() -> "balance\n" + trace.describe()).isEqualTo(balance);
            assertThat(data.creditSequence()).as(() -> "credit sequence\n" + trace.describe()).isEqualTo(creditSequence);
            assertThat(data.debitSequence()).as(() -> "debit sequence\n" + trace.describe()).isEqualTo(debitSequence);
            assertThat(data.logCount()).as(() -> "log count\n" + trace.describe()).isEqualTo(log.size());
        }

        private void readRecord(int number) {
            byte[] response = send("READ RECORD " + number, CardCommands.readLogRecord(number));
            if (!selected) {
                expectSw(response, SW_FILE_NOT_FOUND, "READ RECORD with nothing selected");
            } else if (number > log.size()) {
                expectSw(response, SW_RECORD_NOT_FOUND, "READ RECORD beyond the log");
            } else {
                expectSw(response, SW_SUCCESS, "READ RECORD " + number);
                byte[] expected = log.stream().skip(number - 1).findFirst().orElseThrow();
                assertThat(Bytes.hex(Arrays.copyOf(response, response.length - 2)))
                        .as(() -> "log record " + number + "\n" + trace.describe()).isEqualTo(Bytes.hex(expected));
            }
        }

        private void sendGenuineFresh(Labelled made) {
            sendGenuine(made.label, made.command, genuineFor(made.command));
        }

        /** A CREDIT or DEBIT the test MACed: the model predicts the answer and applies the change. */
        private void sendGenuine(String label, byte[] command, Genuine g) {
            byte[] response = send(label, command);
            if (!selected) {
                expectSw(response, SW_FILE_NOT_FOUND, label + " with nothing selected");
                return;
            }
            int current = g.credit ? creditSequence : debitSequence;
            if (g.sequence != current) {
                expectSw(response, SW_SEQUENCE_MISMATCH, label + " at sequence " + g.sequence + ", card at " + current);
                refusedGenuine++;
                return;
            }
            if (g.credit && balance + g.amount > MAXIMUM) {
                expectSw(response, SW_MAXIMUM_BALANCE_EXCEEDED, label + " of " + g.amount + " on " + balance);
                refusedGenuine++;
                return;
            }
            if (!g.credit && g.amount > balance) {
                expectSw(response, SW_INSUFFICIENT_BALANCE, label + " of " + g.amount + " on " + balance);
                refusedGenuine++;
                return;
            }
            expectSw(response, SW_SUCCESS, label);
            balance += g.credit ? g.amount : -g.amount;
            PurseReceipt receipt = PurseReceipt.parse(Arrays.copyOf(response, response.length - 2));
            assertThat(receipt.balanceAfter()).as(() -> "receipt balance\n" + trace.describe()).isEqualTo(balance);
            assertThat(receipt.nextSequence()).as(() -> "receipt sequence\n" + trace.describe()).isEqualTo(g.sequence + 1);
            boolean confirmed = g.credit ? g.change.isConfirmedBy(receipt, PURSE_CREDIT_KEY)
                    : g.debit.isConfirmedBy(receipt, PURSE_DEBIT_KEY);
            assertThat(confirmed).as(() -> "receipt MAC\n" + trace.describe()).isTrue();
            if (g.credit) {
                creditSequence++;
                appliedCredits++;
            } else {
                debitSequence++;
                appliedDebits++;
            }
            log.addFirst(concat(new byte[] {g.credit ? LOG_TYPE_CREDIT : LOG_TYPE_DEBIT}, Bytes.counter(g.sequence),
                    Bytes.amount(g.amount), Bytes.amount(balance), g.reference));
            if (log.size() > LOG_CAPACITY) {
                log.removeLast();
            }
        }

        private Labelled credit(long amount, int sequence) {
            long transactionId = random.nextLong();
            AmountChange change = AmountChange.issue(PURSE_CREDIT_KEY, PURSE_NUMBER, amount, sequence, transactionId);
            byte[] command = CardCommands.credit(change);
            register(command, new Genuine(true, amount, sequence, Bytes.longBytes(transactionId), change, null));
            return new Labelled("CREDIT " + amount + " #" + sequence, command);
        }

        private Labelled debit(long amount, int sequence) {
            DebitAuthorization debit = DebitAuthorization.issue(PURSE_DEBIT_KEY, PURSE_NUMBER, amount, sequence, TERMINAL);
            byte[] command = CardCommands.debit(debit);
            register(command, new Genuine(false, amount, sequence, TERMINAL.toBytes(), null, debit));
            return new Labelled("DEBIT " + amount + " #" + sequence, command);
        }

        private void register(byte[] command, Genuine g) {
            if (genuine.putIfAbsent(body(command), g) == null) {
                genuineCommands.add(command);
            }
        }

        /** The genuine command this one is, when it carries the same header, Lc and data (Le may differ). */
        private Genuine genuineFor(byte[] command) {
            if (command.length != MONEY_COMMAND_BODY && command.length != MONEY_COMMAND_BODY + 1) {
                return null;
            }
            return genuine.get(body(command));
        }

        private static String body(byte[] command) {
            return Bytes.hex(Arrays.copyOf(command, MONEY_COMMAND_BODY));
        }

        private void noteSelection(byte[] response) {
            if (isSelectAnswer(response, PURSE_SELECTED)) {
                selected = true;
            }
        }

        private static boolean isMoneyCommand(byte[] command) {
            return command.length >= 4 && command[0] == CLA_PROPRIETARY
                    && (command[1] == INS_CREDIT || command[1] == INS_DEBIT);
        }
    }

    /** A successful SELECT answer of an operational applet: {@code prefix} (kind, version, life cycle), data, 9000. */
    private static boolean isSelectAnswer(byte[] response, byte[] prefix) {
        return response.length > prefix.length + 2
                && Arrays.equals(Arrays.copyOf(response, prefix.length), prefix)
                && response[response.length - 2] == (byte) 0x90 && response[response.length - 1] == 0x00;
    }

    /** A CREDIT or DEBIT the test MACed with the card's keys. */
    private record Genuine(boolean credit, long amount, int sequence, byte[] reference, AmountChange change,
                           DebitAuthorization debit) {

        String label() {
            return (credit ? "CREDIT " : "DEBIT ") + amount + " #" + sequence;
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** The credit card and its model: ATC, PIN tries left, and whether the PIN is verified right now. */
    private static final class CreditRun extends Run {

        private static final int TRY_LIMIT = DemoCards.CREDIT_CARD.pinTryLimit();

        int atc;
        int triesRemaining = TRY_LIMIT;
        /** A successful VERIFY in this selection that no AUTHORIZE PURCHASE has used yet. */
        boolean verified;

        int authorisations;
        int refusedForMissingVerify;
        int wrongPins;

        CreditRun(long seed, SimulatedCardFactory factory) {
            super(seed, "credit card", factory.creditCard(DemoCards.CREDIT_CARD));
        }

        @Override
        void poweredOff() {
            super.poweredOff();
            verified = false;
        }

        @Override
        void sendUnknown(String label, byte[] command) {
            sendAndFollow(label, command);
        }

        /** Sends any command and moves the model along with what the card answered. */
        private byte[] sendAndFollow(String label, byte[] command) {
            boolean verifiedBefore = verified;
            byte[] response = send(label, command);
            int sw = sw(response);
            if (isSelectAnswer(response, CREDIT_SELECTED)) {
                selected = true;
                verified = false;
            } else if (isInstruction(command, INS_VERIFY)) {
                followVerify(command, sw);
            } else if (isInstruction(command, INS_AUTHORIZE_PURCHASE)) {
                if (sw == SW_SUCCESS) {
                    assertThat(verifiedBefore).as(() -> "AUTHORIZE PURCHASE answered 9000 without a VERIFY since the last"
                            + " authorisation or selection\n" + trace.describe()).isTrue();
                    checkAuthorisation(command, response);
                    verified = false;
                } else if (sw == SW_SECURITY_STATUS_NOT_SATISFIED) {
                    refusedForMissingVerify++;
                }
            }
            if (isPersonalisationCommand(command)) {
                assertThat(StatusWord.of(sw)).as(() -> "personalisation after ACTIVATE\n" + trace.describe())
                        .isNotEqualTo(StatusWord.of(SW_SUCCESS));
            }
            return response;
        }

        /** 9000: verified, tries back to the limit; 63Cx: x tries left; 6983: blocked. */
        private void followVerify(byte[] command, int sw) {
            int before = triesRemaining;
            if (sw == SW_SUCCESS) {
                verified = true;
                triesRemaining = TRY_LIMIT;
            } else if ((sw & 0xFFF0) == SW_PIN_TRIES_REMAINING) {
                verified = false;
                triesRemaining = sw & 0x0F;
                boolean hadPin = command.length > 5;
                if (hadPin && triesRemaining == before - 1) {
                    wrongPins++;
                }
                // A wrong PIN costs exactly one try; a status query costs none.
                assertThat(triesRemaining).as(() -> "tries after " + StatusWord.of(sw) + "\n" + trace.describe())
                        .isBetween(before - 1, before);
            } else if (sw == SW_PIN_BLOCKED) {
                verified = false;
                assertThat(before).as(() -> "6983 with tries left\n" + trace.describe()).isLessThanOrEqualTo(1);
                triesRemaining = 0;
            }
        }

        /** ATC one up, and the cryptogram right for exactly the data sent. */
        private void checkAuthorisation(byte[] command, byte[] response) {
            assertThat(response).as(() -> "AUTHORIZE PURCHASE answer\n" + trace.describe()).hasSize(10 + 2);
            int answeredAtc = Bytes.readCounter(response, 0);
            assertThat(answeredAtc).as(() -> "ATC of the authorisation\n" + trace.describe()).isEqualTo(atc + 1);
            atc = answeredAtc;
            authorisations++;
            byte[] message = concat(new byte[] {MAC_TYPE_PURCHASE_CRYPTOGRAM}, CREDIT_NUMBER.toBcd(),
                    Arrays.copyOfRange(command, 5, 5 + 22), Bytes.counter(answeredAtc), new byte[] {PIN_VERIFIED});
            assertThat(Bytes.hex(Arrays.copyOfRange(response, 2, 10))).as(() -> "cryptogram\n" + trace.describe())
                    .isEqualTo(Bytes.hex(CardKeys.mac(CARD_KEY, message)));
        }

        @Override
        void sendValid() {
            int roll = random.nextInt(100);
            if (roll < 30) {
                int expected = selected ? SW_SUCCESS : SW_FILE_NOT_FOUND;
                expectSw(sendAndFollow("VERIFY 1234", correctVerify()), expected, "VERIFY with the right PIN");
            } else if (roll < 35) {
                // Well-formed but wrong: costs one try (afterCommand puts the right PIN in straight after).
                int expected = !selected ? SW_FILE_NOT_FOUND
                        : triesRemaining == 1 ? SW_PIN_BLOCKED : SW_PIN_TRIES_REMAINING | (triesRemaining - 1);
                expectSw(sendAndFollow("VERIFY wrong PIN", CardCommands.verify("9876".toCharArray())), expected,
                        "VERIFY with a wrong PIN");
            } else if (roll < 70) {
                boolean wasSelected = selected;
                boolean wasVerified = verified;
                byte[] response = sendAndFollow("AUTHORIZE PURCHASE", CardCommands.authorizePurchase(purchaseRequest()));
                expectSw(response, !wasSelected ? SW_FILE_NOT_FOUND
                        : wasVerified ? SW_SUCCESS : SW_SECURITY_STATUS_NOT_SATISFIED, "AUTHORIZE PURCHASE");
            } else if (roll < 80) {
                int expected = !selected ? SW_FILE_NOT_FOUND
                        : verified ? SW_SUCCESS : SW_PIN_TRIES_REMAINING | triesRemaining;
                expectSw(sendAndFollow("VERIFY status", CardCommands.pinStatus()), expected, "VERIFY status");
            } else if (roll < 90) {
                byte[] response = sendAndFollow("GET DATA", CardCommands.getData());
                if (selected) {
                    checkCardData(response);
                } else {
                    expectSw(response, SW_FILE_NOT_FOUND, "GET DATA with nothing selected");
                }
            } else {
                selectCredit();
            }
        }

        @Override
        Labelled someValidCommand() {
            if (random.nextInt(5) == 0) {
                AmountChange change = AmountChange.issue(PURSE_CREDIT_KEY, PURSE_NUMBER, 100, random.nextInt(4), 1L);
                return new Labelled("CREDIT", CardCommands.credit(change));
            }
            return commonValidCommand();
        }

        /** ATC and PIN tries after every step. */
        @Override
        void checkState() {
            if (!selected) {
                if (random.nextBoolean()) {
                    return;
                }
                selectCredit();
            }
            checkCardData(sendAndFollow("GET DATA (state check)", CardCommands.getData()));
        }

        /**
         * A wrong PIN is followed by the right one at once, so the card never blocks and AUTHORIZE
         * PURCHASE keeps being exercised. (A wrong PIN needs a selected applet, so one is selected.)
         */
        @Override
        void afterCommand() {
            if (triesRemaining < TRY_LIMIT) {
                byte[] response = sendAndFollow("VERIFY 1234 (after a wrong PIN)", correctVerify());
                expectSw(response, SW_SUCCESS, "VERIFY with the right PIN after a wrong one");
            }
        }

        private void selectCredit() {
            byte[] response = sendAndFollow("SELECT credit", CardCommands.select(Aids.CREDIT_CARD));
            assertThat(isSelectAnswer(response, CREDIT_SELECTED)).as(() -> "SELECT credit\n" + trace.describe()).isTrue();
            assertThat(response[CREDIT_SELECTED.length]).as(() -> "flags of a credit-only card\n" + trace.describe()).isZero();
            // The SELECT answer carries the GET DATA answer after the flags: the same model check.
            checkCardData(Arrays.copyOfRange(response, CREDIT_SELECTED.length + 1, response.length));
        }

        private void checkCardData(byte[] response) {
            expectSw(response, SW_SUCCESS, "GET DATA");
            CreditCardData data = CreditCardData.parse(Arrays.copyOf(response, response.length - 2));
            assertThat(data.cardNumber()).as(trace::describe).isEqualTo(CREDIT_NUMBER);
            assertThat(data.atc()).as(() -> "ATC\n" + trace.describe()).isEqualTo(atc);
            assertThat(data.pinTriesRemaining()).as(() -> "PIN tries\n" + trace.describe()).isEqualTo(triesRemaining);
        }
    }

    // ---------------------------------------------------------------------------------------------

    private record Labelled(String label, byte[] command) {
    }

    /** A status word that prints as hex in assertion messages. */
    private record StatusWord(int value) {

        static StatusWord of(int value) {
            return new StatusWord(value);
        }

        @Override
        public String toString() {
            return String.format("%04X", value);
        }
    }

    /** The last APDUs of a run, for failure messages that can be replayed from the seed. */
    private static final class Trace {

        private static final int KEEP = 24;

        private final long seed;
        private final String card;
        private final Deque<String> recent = new ArrayDeque<>();
        int step;

        Trace(long seed, String card) {
            this.seed = seed;
            this.card = card;
        }

        void record(String label, byte[] command, byte[] response) {
            if (recent.size() == KEEP) {
                recent.removeFirst();
            }
            recent.addLast(String.format("  step %4d  %-34s %s%s", step, label,
                    command == null ? "" : "> " + Bytes.hex(command), response == null ? "" : "  < " + Bytes.hex(response)));
        }

        String describe() {
            return card + ", seed " + seed + ", step " + step + "; last APDUs, oldest first:\n" + String.join("\n", recent);
        }
    }

    private static byte[] correctVerify() {
        return CardCommands.verify(DemoCards.PIN.toCharArray());
    }

    private static boolean isInstruction(byte[] command, byte ins) {
        return command.length >= 4 && command[1] == ins;
    }

    private static boolean isPersonalisationCommand(byte[] command) {
        return command.length >= 4 && command[0] == CLA_PROPRIETARY
                && (command[1] == INS_PUT_DATA || command[1] == INS_ACTIVATE);
    }

    private static int sw(byte[] response) {
        return ((response[response.length - 2] & 0xFF) << 8) | (response[response.length - 1] & 0xFF);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}

package com.valuekiosk.kiosk.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CheckRunnerTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-06T03:00:00Z"), ZoneOffset.UTC);
    private final CheckRunner runner = new CheckRunner(Duration.ofMillis(200), clock);
    private final List<String> heard = new ArrayList<>();
    private final DiagnosticListener listener = new DiagnosticListener() {
        @Override
        public void started(Check check, String subject) {
            heard.add("started " + check.id() + " " + subject);
        }

        @Override
        public void finished(CheckResult result) {
            heard.add("finished " + result.check().id() + " " + result.verdict());
        }
    };

    @AfterEach
    void close() {
        runner.close();
    }

    @Test
    void aCheckThatAnswersGivesItsOutcomeWithTheStartTimeAndTheListenerHearsBothEnds() {
        CheckResult result = runner.run(Check.READERS, "PC/SC", listener,
                () -> Outcome.of(Verdict.WARN, "no reader", List.of(Finding.info("a", "b"))));

        assertThat(result.verdict()).isEqualTo(Verdict.WARN);
        assertThat(result.message()).isEqualTo("no reader");
        assertThat(result.started()).isEqualTo(clock.instant());
        assertThat(result.findings()).hasSize(1);
        assertThat(heard).containsExactly("started readers PC/SC", "finished readers WARN");
    }

    @Test
    void aCheckThatHangsFailsAtTheTimeoutAndIsInterrupted() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        CheckResult result = runner.run(Check.TIMING, "reader", listener, () -> {
            try {
                new CountDownLatch(1).await(); // a PC/SC call that never answers
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return Outcome.of(Verdict.PASS, "never seen", List.of());
        });

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.message()).isEqualTo("no answer within 200 ms");
        assertThat(interrupted.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(heard).containsExactly("started timing reader", "finished timing FAIL");
    }

    @Test
    void aCheckThatThrowsFailsWithTheExceptionInWordsAndCardNumbersMasked() {
        CheckResult result = runner.run(Check.APPLETS, "reader", listener, () -> {
            throw new IllegalStateException("card 4999990000000013 gone");
        });

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.message()).isEqualTo("IllegalStateException: card **** **** **** 0013 gone");
    }

    @Test
    void aListenerThatThrowsDoesNotSpoilTheCheck() {
        CheckResult result = runner.run(Check.ATR, "x", new DiagnosticListener() {
            @Override
            public void started(Check check, String subject) {
                throw new IllegalStateException("screen gone");
            }
        }, () -> Outcome.of(Verdict.PASS, "fine", List.of()));

        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    }
}

package com.valuekiosk.kiosk.demo.usability;

import com.valuekiosk.kiosk.demo.panel.CardPanelViewModel;
import com.valuekiosk.kiosk.demo.panel.PanelCard;
import com.valuekiosk.kiosk.ui.KioskUi;
import com.valuekiosk.kiosk.ui.Messages;
import com.valuekiosk.kiosk.ui.Screen;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;

/**
 * Plays a {@link Scenario} on a kiosk as a person would meet it: the kiosk's own screens (controls touched by node
 * id, the keypad's keys one by one) and the demo cards moved as the card panel moves them. Each step runs on the FX
 * thread; an {@code expect} waits for its screen (the flows may work in the background) up to the timeout, then
 * checks its texts. A step that does not hold stops the scenario with the step, what was expected and what was
 * seen. Also counts what the person went through: screens entered (the processing screen aside) and touches
 * (PIN and password digits aside). Call from a thread other than the FX thread.
 */
public final class ScenarioPlayer {

    /** What one play of a scenario gave. {@code failure} is empty when every step held. */
    public record Result(String scenario, String language, boolean passed, String failure, int stepsDone,
                         List<Screen> screensEntered, int touches, Duration duration) {

        public Result {
            screensEntered = List.copyOf(screensEntered);
        }

        /** Screens entered, the processing screens aside. */
        public int screens() {
            return screensEntered.size();
        }
    }

    private final KioskUi ui;
    private final Scene scene;
    private final CardPanelViewModel cards;
    private final Duration timeout;
    private SessionRecorder recorder;

    public ScenarioPlayer(KioskUi ui, Scene scene, CardPanelViewModel cards, Duration timeout) {
        this.ui = Objects.requireNonNull(ui, "ui");
        this.scene = Objects.requireNonNull(scene, "scene");
        this.cards = Objects.requireNonNull(cards, "cards");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Each touch of the play is also recorded there, at the centre of the control touched. */
    public ScenarioPlayer recordingTo(SessionRecorder sessions) {
        this.recorder = Objects.requireNonNull(sessions, "sessions");
        return this;
    }

    public Result play(Scenario scenario) throws InterruptedException {
        long started = System.nanoTime();
        List<Screen> entered = new ArrayList<>();
        int[] touches = {0};
        ChangeListener<Screen> counting = (o, was, now) -> {
            if (now != Screen.PROCESSING) {
                entered.add(now);
            }
        };
        onFx(() -> {
            ui.navigator().currentProperty().addListener(counting);
            ui.messages().setLocale(locale(scenario.language()));
            entered.add(ui.navigator().current());
        });
        int done = 0;
        String failure = "";
        try {
            for (ScenarioStep step : scenario.steps()) {
                String problem = run(step, touches);
                if (problem != null) {
                    failure = "step " + (done + 1) + " (" + describe(step) + "): " + problem;
                    break;
                }
                done++;
            }
        } finally {
            onFx(() -> ui.navigator().currentProperty().removeListener(counting));
        }
        List<Screen> seen = new ArrayList<>();
        onFx(() -> {
            seen.addAll(entered); // written on the FX thread, read there
        });
        return new Result(scenario.name(), scenario.language(), failure.isEmpty(), failure, done, seen, touches[0],
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** Runs one step; null when it held, else what went wrong. */
    private String run(ScenarioStep step, int[] touches) throws InterruptedException {
        if (step instanceof ScenarioStep.Touch touch) {
            touches[0]++;
            return onFx(() -> touch(touch.nodeId()));
        }
        if (step instanceof ScenarioStep.Type type) {
            for (char digit : type.digits().toCharArray()) {
                String problem = onFx(() -> touch("key-" + digit));
                if (problem != null) {
                    return type.secret() ? "the keypad is not there" : problem; // never the secret's digits
                }
                if (!type.secret()) {
                    touches[0]++;
                }
            }
            return null;
        }
        if (step instanceof ScenarioStep.MoveCard move) {
            return onFx(() -> moveCard(move));
        }
        if (step instanceof ScenarioStep.PullDuringWrite pull) {
            return onFx(() -> {
                if (pull.answerLost()) {
                    cards.removeBeforeTheAnswer();
                } else {
                    cards.removeDuringWrite();
                }
                return null;
            });
        }
        if (step instanceof ScenarioStep.Language language) {
            touches[0]++;
            return onFx(() -> touch("lang-" + language.language()));
        }
        return expect((ScenarioStep.Expect) step);
    }

    private String touch(String nodeId) {
        Node node = scene.lookup("#" + nodeId);
        Screen shown = ui.navigator().current();
        if (!(node instanceof ButtonBase button)) {
            return "no control #" + nodeId + " on " + shown + (node == null ? "" : " (#" + nodeId + " is not a button)");
        }
        if (!button.isVisible() || button.isDisabled()) {
            return "#" + nodeId + " on " + shown + " is " + (button.isVisible() ? "disabled" : "hidden");
        }
        if (recorder != null) {
            recorder.touchedByScript(button);
        }
        button.fire();
        return null;
    }

    private String moveCard(ScenarioStep.MoveCard move) {
        PanelCard card = cards.cards().stream().filter(c -> c.id().equals(move.card())).findFirst().orElse(null);
        if (card == null) {
            return "no demo card " + move.card();
        }
        switch (move.move()) {
            case INSERT -> {
                if (!cards.canInsert(card).get()) {
                    return "the " + move.card() + " card cannot be inserted now (slot taken, or it has no contacts)";
                }
                cards.insert(card);
            }
            case TAP -> {
                if (!cards.canTap(card).get()) {
                    return "the " + move.card() + " card cannot be tapped now (pad taken, or it has no antenna)";
                }
                cards.tap(card);
            }
            case REMOVE -> {
                if (!cards.canRemove(card).get()) {
                    return "the " + move.card() + " card is on no reader";
                }
                cards.remove(card);
            }
        }
        return null;
    }

    /**
     * Waits for the screen and its texts: the flows work in the background, so both are checked after every layout
     * pulse of the scene (a change of screen or text always makes one) until they hold or the timeout passes.
     */
    private String expect(ScenarioStep.Expect expect) throws InterruptedException {
        CountDownLatch holds = new CountDownLatch(1);
        Runnable check = () -> {
            if (missing(expect).isEmpty() && ui.navigator().current() == expect.screen()) {
                holds.countDown();
            }
        };
        onFx(() -> {
            scene.addPostLayoutPulseListener(check);
            check.run();
        });
        holds.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        onFx(() -> scene.removePostLayoutPulseListener(check));
        return onFx(() -> {
            Screen shown = ui.navigator().current();
            if (shown != expect.screen()) {
                return "expected " + expect.screen() + ", seen " + shown + seenTexts();
            }
            List<String> missing = missing(expect);
            return missing.isEmpty() ? null : "on " + shown + " expected the texts " + missing + seenTexts();
        });
    }

    /** The expected texts not on the screen now. FX thread. */
    private List<String> missing(ScenarioStep.Expect expect) {
        String texts = allTexts();
        return expect.texts().stream().filter(text -> !texts.contains(text)).toList();
    }

    private String seenTexts() {
        String texts = allTexts();
        return texts.isEmpty() ? "" : " (shown: " + (texts.length() > 300 ? texts.substring(0, 300) + "…" : texts) + ")";
    }

    /** The visible texts of the kiosk's screen and overlays, " | " between them. */
    private String allTexts() {
        List<String> texts = new ArrayList<>();
        collect(ui.root(), texts);
        return String.join(" | ", texts);
    }

    private static void collect(Node node, List<String> texts) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isBlank()) {
            texts.add(labeled.getText().replace('\n', ' '));
        }
        if (node instanceof javafx.scene.Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collect(child, texts));
        }
    }

    private static String describe(ScenarioStep step) {
        if (step instanceof ScenarioStep.Touch touch) {
            return "touch " + touch.nodeId();
        }
        if (step instanceof ScenarioStep.Type type) {
            return type.secret() ? "type the PIN or password" : "type " + type.digits();
        }
        if (step instanceof ScenarioStep.MoveCard move) {
            return move.move().name().toLowerCase(java.util.Locale.ROOT) + " " + move.card();
        }
        if (step instanceof ScenarioStep.PullDuringWrite pull) {
            return "pull the card during the write" + (pull.answerLost() ? " (answer lost)" : "");
        }
        if (step instanceof ScenarioStep.Language language) {
            return "language " + language.language();
        }
        ScenarioStep.Expect expect = (ScenarioStep.Expect) step;
        return "expect " + expect.screen() + (expect.texts().isEmpty() ? "" : " " + expect.texts());
    }

    private static java.util.Locale locale(String language) {
        return language.equals("en") ? Messages.ENGLISH : Messages.JAPANESE;
    }

    private interface FxCall {
        String call();
    }

    private String onFx(FxCall call) throws InterruptedException {
        if (Platform.isFxApplicationThread()) {
            return call.call();
        }
        CompletableFuture<String> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                done.complete(call.call());
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            }
        });
        try {
            return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return "the kiosk failed: " + e.getCause();
        } catch (TimeoutException e) {
            return "the kiosk did not answer within " + timeout.toSeconds() + " s";
        }
    }

    private void onFx(Runnable action) throws InterruptedException {
        onFx(() -> {
            action.run();
            return null;
        });
    }
}

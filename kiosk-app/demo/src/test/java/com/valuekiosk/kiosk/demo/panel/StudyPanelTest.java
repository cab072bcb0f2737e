package com.valuekiosk.kiosk.demo.panel;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.kiosk.demo.usability.SessionRecorder;
import com.valuekiosk.kiosk.ui.KioskRig;
import com.valuekiosk.kiosk.ui.KioskStage;
import com.valuekiosk.kiosk.ui.KioskUi;
import com.valuekiosk.kiosk.ui.ScreenRobot;
import com.valuekiosk.server.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The card panel's study section in usability mode: the tester types a participant's code and marks the start of
 * that participant's session; the sessions carry the participant and the study; the tester's own touches on the
 * panel are not the participant's. Work on the FX thread (current-thread executor): no waiting.
 */
class StudyPanelTest {

    @RegisterExtension
    final KioskStage kioskStage = new KioskStage();
    @TempDir
    Path directory;
    private final ScreenRobot robot = new ScreenRobot();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private Shown shown;

    private record Shown(KioskUi ui, CardPanelViewModel panel, SessionRecorder[] recorder) {
    }

    @BeforeEach
    void kioskWithPanelRecordingAStudy() throws Exception {
        KioskRig kiosk = kioskStage.openRig(directory);
        List<PanelCard> cards = PanelCard.of(kiosk.creditCard, KioskRig.CARDS.contactlessCreditCard(DemoCards.CONTACTLESS_CREDIT_CARD),
                kiosk.emoneyCard, KioskRig.CARDS.comboCard(DemoCards.COMBO_CREDIT, DemoCards.COMBO_PURSE),
                KioskRig.CARDS.phone(DemoCards.PHONE_PURSE));
        shown = kioskStage.show(() -> new Shown(kiosk.kioskUi(),
                        new CardPanelViewModel(kiosk.contact, kiosk.contactless, cards, KioskRig.currentThread()),
                        new SessionRecorder[1]),
                built -> {
                    CardPanel panel = new CardPanel(built.panel(), built.ui().messages());
                    built.ui().messages().setLocale(com.valuekiosk.kiosk.ui.Messages.ENGLISH);
                    Scene scene = KioskWithPanel.scene(built.ui(), panel);
                    built.recorder()[0] = new SessionRecorder(built.ui(), scene, clock, "lab-1");
                    panel.addStudy(new StudyViewModel("lab-1", built.recorder()[0]::start));
                    return scene;
                });
    }

    @Test
    void theTesterMarksEachParticipantsStartAndTheSessionsCarryParticipantAndStudy() {
        assertThat(robot.text("#panel-session")).isEqualTo("No session marked yet.");
        assertThat(robot.disabled("#panel-start-session")).as("no code typed").isTrue();
        participant("Jane Doe");
        assertThat(robot.disabled("#panel-start-session")).as("a name is no participant code").isTrue();
        participant("");
        robot.clickOn("#panel-participant").write("P07");
        robot.clickOn("#panel-start-session");
        assertThat(robot.text("#panel-session")).isEqualTo("Session 1 started for participant P07.");

        clock.advance(Duration.ofSeconds(4));
        robot.clickOn("#menu-purchase");
        robot.clickOn("#panel-credit-insert"); // the tester's touch on the panel, not the participant's
        clock.advance(Duration.ofSeconds(5));
        participant("P08");
        robot.clickOn("#panel-start-session");
        assertThat(robot.text("#panel-session")).isEqualTo("Session 2 started for participant P08.");

        List<SessionRecorder.Session> sessions = shown.recorder()[0].sessions();
        assertThat(sessions).hasSize(2);
        SessionRecorder.Session first = sessions.get(0);
        assertThat(first.participant()).isEqualTo("P07");
        assertThat(first.study()).isEqualTo("lab-1");
        assertThat(first.language()).isEqualTo("en");
        assertThat(first.outcome()).as("the next participant marked").isEqualTo("abandoned");
        assertThat(first.events()).filteredOn(e -> e.kind().equals("TOUCH")).extracting(SessionRecorder.Event::detail)
                .containsExactly("menu-purchase");
        assertThat(first.events().get(first.events().size() - 1).atMillis()).isEqualTo(9_000);
        assertThat(sessions.get(1).participant()).isEqualTo("P08");
        assertThat(sessions.get(1).study()).isEqualTo("lab-1");
        assertThat(sessions.get(1).outcome()).isEqualTo("open");

        robot.clickOn("#lang-ja");
        assertThat(robot.text("#panel-session")).isEqualTo("参加者 P08 のセッション 2 を開始しました。");
    }

    private void participant(String code) {
        robot.interact(() -> robot.lookup("#panel-participant").queryAs(TextField.class).setText(code));
    }

    static {
        Locale.setDefault(Locale.US);
    }
}

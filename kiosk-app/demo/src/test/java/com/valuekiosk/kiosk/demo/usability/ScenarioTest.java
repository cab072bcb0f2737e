package com.valuekiosk.kiosk.demo.usability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.valuekiosk.kiosk.ui.Screen;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scenario file format: what it reads, and a clear error for each way a file can be wrong. */
class ScenarioTest {

    private static Scenario read(String yaml) throws Exception {
        return Scenario.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }

    @Test
    void everyKindOfStepIsRead() throws Exception {
        Scenario scenario = read("""
                name: All steps
                language: ja
                steps:
                  - insert: credit
                  - tap: emoney
                  - remove: emoney
                  - touch: menu-purchase
                  - pin: "1234"
                  - password: "2468"
                  - type: "1500"
                  - pull: answer-lost
                  - language: en
                  - expect: take-card
                  - expect: {screen: receipt, texts: ["¥2,000"]}
                """);
        assertThat(scenario.name()).isEqualTo("All steps");
        assertThat(scenario.steps()).containsExactly(
                new ScenarioStep.MoveCard(ScenarioStep.Move.INSERT, "credit"),
                new ScenarioStep.MoveCard(ScenarioStep.Move.TAP, "emoney"),
                new ScenarioStep.MoveCard(ScenarioStep.Move.REMOVE, "emoney"),
                new ScenarioStep.Touch("menu-purchase"),
                new ScenarioStep.Type("1234", true),
                new ScenarioStep.Type("2468", true),
                new ScenarioStep.Type("1500", false),
                new ScenarioStep.PullDuringWrite(true),
                new ScenarioStep.Language("en"),
                new ScenarioStep.Expect(Screen.TAKE_CARD, List.of()),
                new ScenarioStep.Expect(Screen.RECEIPT, List.of("¥2,000")));
    }

    @Test
    void aWrongFileIsRefusedSayingWhereAndWhy() {
        assertThatThrownBy(() -> read("name: x\nlanguage: fr\nsteps: [{touch: a}]"))
                .hasMessage("test.yaml: language must be ja or en, not \"fr\"");
        assertThatThrownBy(() -> read("name: x\nlanguage: en\nsteps: [{touch: a}, {swipe: left}]"))
                .hasMessage("test.yaml step 2: unknown step \"swipe\"");
        assertThatThrownBy(() -> read("name: x\nlanguage: en\nsteps: [{insert: gold}]"))
                .hasMessageStartingWith("test.yaml step 1: no demo card \"gold\"");
        assertThatThrownBy(() -> read("name: x\nlanguage: en\nsteps: [{expect: lobby}]"))
                .hasMessageStartingWith("test.yaml step 1: no screen \"lobby\"");
        assertThatThrownBy(() -> read("name: x\nlanguage: en\nsteps: [{pin: 12a4}]"))
                .hasMessage("test.yaml step 1: digits only");
        assertThatThrownBy(() -> read("name: x\nlanguage: en\nsteps: [{touch: a, tap: emoney}]"))
                .hasMessageStartingWith("test.yaml step 1: a step is a map with exactly one key");
        assertThatThrownBy(() -> read("language: en\nsteps: [{touch: a}]")).hasMessage("test.yaml: name is missing");
        assertThatThrownBy(() -> read("name: x\nlanguage: en\nsteps: []")).hasMessage("test.yaml: steps must be a non-empty list");
        assertThatThrownBy(() -> read("name: x\nlanguage: en\nsteps: [{touch: a}]\nextra: 1"))
                .hasMessageStartingWith("test.yaml: unknown key \"extra\"");
    }
}

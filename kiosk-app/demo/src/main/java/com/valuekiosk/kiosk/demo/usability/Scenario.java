package com.valuekiosk.kiosk.demo.usability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.valuekiosk.kiosk.ui.Screen;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A usability scenario: what a participant or a robot does at the kiosk, step by step, and what each step expects to
 * see — read from a human-writable YAML file (format: {@code scenarios/README.md} beside the shipped ones). A
 * malformed file is refused naming the step and what is wrong with it.
 */
public record Scenario(String name, String language, List<ScenarioStep> steps) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> CARDS = Set.of("credit", "contactless-credit", "emoney", "combo", "phone");
    private static final Set<String> KEYS = Set.of("name", "language", "steps");

    public Scenario {
        steps = List.copyOf(steps);
    }

    public static Scenario read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.getFileName().toString());
        }
    }

    /** Reads a scenario; {@code source} names it in errors. */
    public static Scenario read(InputStream in, String source) throws IOException {
        JsonNode root = YAML.readTree(in);
        if (root == null || !root.isObject()) {
            throw new ScenarioException(source + ": a scenario is a map with name, language and steps");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!KEYS.contains(key)) {
                throw new ScenarioException(source + ": unknown key \"" + key + "\" (expected name, language, steps)");
            }
        }
        String name = text(root, "name", source);
        String language = text(root, "language", source);
        if (!language.equals("ja") && !language.equals("en")) {
            throw new ScenarioException(source + ": language must be ja or en, not \"" + language + "\"");
        }
        JsonNode list = root.get("steps");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new ScenarioException(source + ": steps must be a non-empty list");
        }
        List<ScenarioStep> steps = new ArrayList<>();
        for (int index = 0; index < list.size(); index++) {
            steps.add(step(list.get(index), source + " step " + (index + 1)));
        }
        return new Scenario(name, language, steps);
    }

    private static ScenarioStep step(JsonNode node, String where) {
        if (!node.isObject() || node.size() != 1) {
            throw new ScenarioException(where + ": a step is a map with exactly one key (touch, type, insert, tap, remove,"
                    + " pull, language, expect)");
        }
        Map.Entry<String, JsonNode> only = node.fields().next();
        JsonNode value = only.getValue();
        return switch (only.getKey()) {
            case "touch" -> new ScenarioStep.Touch(scalar(value, where));
            case "type" -> new ScenarioStep.Type(digits(scalar(value, where), where), false);
            case "pin", "password" -> new ScenarioStep.Type(digits(scalar(value, where), where), true);
            case "insert" -> new ScenarioStep.MoveCard(ScenarioStep.Move.INSERT, card(value, where));
            case "tap" -> new ScenarioStep.MoveCard(ScenarioStep.Move.TAP, card(value, where));
            case "remove" -> new ScenarioStep.MoveCard(ScenarioStep.Move.REMOVE, card(value, where));
            case "pull" -> switch (scalar(value, where)) {
                case "write-lost" -> new ScenarioStep.PullDuringWrite(false);
                case "answer-lost" -> new ScenarioStep.PullDuringWrite(true);
                default -> throw new ScenarioException(where + ": pull is write-lost or answer-lost");
            };
            case "language" -> {
                String language = scalar(value, where);
                if (!language.equals("ja") && !language.equals("en")) {
                    throw new ScenarioException(where + ": language must be ja or en");
                }
                yield new ScenarioStep.Language(language);
            }
            case "expect" -> expect(value, where);
            default -> throw new ScenarioException(where + ": unknown step \"" + only.getKey() + "\"");
        };
    }

    private static ScenarioStep.Expect expect(JsonNode value, String where) {
        if (value.isTextual()) {
            return new ScenarioStep.Expect(screen(value.asText(), where), List.of());
        }
        if (!value.isObject() || !value.has("screen")) {
            throw new ScenarioException(where + ": expect is a screen name or a map with screen and texts");
        }
        List<String> texts = new ArrayList<>();
        JsonNode list = value.get("texts");
        if (list != null) {
            if (!list.isArray()) {
                throw new ScenarioException(where + ": texts is a list");
            }
            list.forEach(text -> texts.add(text.asText()));
        }
        return new ScenarioStep.Expect(screen(value.get("screen").asText(), where), texts);
    }

    private static Screen screen(String name, String where) {
        try {
            return Screen.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(where + ": no screen \"" + name + "\" (one of " + List.of(Screen.values()) + ")");
        }
    }

    private static String card(JsonNode value, String where) {
        String card = scalar(value, where);
        if (!CARDS.contains(card)) {
            throw new ScenarioException(where + ": no demo card \"" + card + "\" (one of " + CARDS + ")");
        }
        return card;
    }

    private static String digits(String text, String where) {
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ScenarioException(where + ": digits only");
        }
        return text;
    }

    private static String scalar(JsonNode value, String where) {
        if (value == null || !value.isValueNode()) {
            throw new ScenarioException(where + ": a single value is expected");
        }
        return value.asText();
    }

    private static String text(JsonNode root, String key, String source) {
        JsonNode value = root.get(key);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new ScenarioException(source + ": " + key + " is missing");
        }
        return value.asText();
    }

    /** A scenario file that cannot be played, with where and why. */
    public static final class ScenarioException extends IllegalArgumentException {
        public ScenarioException(String message) {
            super(message);
        }
    }
}

package io.shoplake.deploy;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Dockerfile read as its instructions: comment lines and blank lines dropped, lines ending in a backslash joined to
 * the next (comment lines inside such a run are dropped too, as Docker does), the keyword upper-cased.
 */
record Dockerfile(List<Dockerfile.Instruction> instructions) {

    /** One instruction, e.g. {@code FROM} with {@code maven:3.9.9-eclipse-temurin-17 AS build}. */
    record Instruction(String keyword, String arguments, String stage) {
        Instruction {
            requireNonNull(keyword, "keyword is null");
            requireNonNull(arguments, "arguments is null");
            requireNonNull(stage, "stage is null");
        }
    }

    /** A {@code FROM image [AS name]}: the image and the stage name (empty when unnamed). */
    record Stage(String image, String name) {}

    Dockerfile {
        instructions = List.copyOf(instructions);
    }

    static Dockerfile read(Path file) throws IOException {
        return parse(Files.readAllLines(file));
    }

    static Dockerfile parse(List<String> lines) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        String stage = "";
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean continues = line.endsWith("\\");
            current.append(continues ? line.substring(0, line.length() - 1).strip() : line)
                    .append(' ');
            if (continues) {
                continue;
            }
            String text = current.toString().strip();
            current.setLength(0);
            int space = text.indexOf(' ');
            String keyword = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
            String arguments = space < 0 ? "" : text.substring(space + 1).strip();
            if (keyword.equals("FROM")) {
                stage = stageOf(arguments).name();
            }
            instructions.add(new Instruction(keyword, arguments.replaceAll("\\s+", " "), stage));
        }
        if (!current.isEmpty()) {
            throw new IllegalArgumentException("the last instruction ends with a line continuation: " + current);
        }
        return new Dockerfile(instructions);
    }

    List<Stage> stages() {
        return of("FROM").stream().map(i -> stageOf(i.arguments())).toList();
    }

    List<Instruction> of(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    List<Instruction> of(String keyword, String stage) {
        return of(keyword).stream().filter(i -> i.stage().equals(stage)).toList();
    }

    private static Stage stageOf(String fromArguments) {
        String[] words = fromArguments.split("\\s+");
        List<String> plain = new ArrayList<>();
        for (String word : words) {
            if (!word.startsWith("--")) {
                plain.add(word);
            }
        }
        if (plain.size() == 3 && plain.get(1).equalsIgnoreCase("AS")) {
            return new Stage(plain.get(0), plain.get(2));
        }
        if (plain.size() == 1) {
            return new Stage(plain.get(0), "");
        }
        throw new IllegalArgumentException("FROM must be 'image' or 'image AS name', was: " + fromArguments);
    }
}

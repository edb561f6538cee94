package io.shoplake.scheduler;

import java.util.ArrayList;
import java.util.List;

/** Splits a command line into arguments at whitespace, keeping '...' and "..." quoted parts together. */
final class CommandLineSplitter {

    private CommandLineSplitter() {}

    static List<String> split(String line) {
        List<String> arguments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inArgument = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inArgument = true;
            } else if (Character.isWhitespace(c)) {
                if (inArgument) {
                    arguments.add(current.toString());
                    current.setLength(0);
                    inArgument = false;
                }
            } else {
                current.append(c);
                inArgument = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed " + quote + " in command: " + line);
        }
        if (inArgument) {
            arguments.add(current.toString());
        }
        return List.copyOf(arguments);
    }
}

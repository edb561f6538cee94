package io.shoplake.scheduler;

import java.util.List;

/**
 * Runs one shoplake command line and returns its exit code (0 = success). The command-line layer provides it, so
 * the scheduler knows no command.
 */
@FunctionalInterface
public interface CommandRunner {
    int run(List<String> arguments);
}

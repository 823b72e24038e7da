package io.lifeline.drctl.cli;

import picocli.CommandLine.Option;

/** `--json` on every command that prints a result: one JSON document on stdout, nothing else there. */
public class OutputOptions {

    @Option(names = "--json", description = "Print the result as JSON (for scripts); messages still go to stderr.")
    boolean json;
}

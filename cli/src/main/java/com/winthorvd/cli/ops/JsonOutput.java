package com.winthorvd.cli.ops;

import picocli.CommandLine.Option;

/** {@code --json} on every command: its report as one JSON object on stdout instead of the text for a person. */
public final class JsonOutput {
    @Option(names = "--json", description = "Print the report as one JSON object on stdout.")
    boolean json;

    public boolean on() {
        return json;
    }
}

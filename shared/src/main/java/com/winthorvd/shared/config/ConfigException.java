package com.winthorvd.shared.config;

import java.util.List;

/** Configuration is missing or invalid; the message has one line per problem so all can be fixed at once. */
public class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super("invalid configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

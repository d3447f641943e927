package com.winthorvd.shared.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads typed values from an {@link Env} and collects every problem instead of stopping at the first,
 * so a misconfigured function reports all it needs in one start. Call {@link #validate()} once all values are read.
 */
public final class ConfigReader {
    private final Env env;
    private final List<String> problems = new ArrayList<>();

    public ConfigReader(Env env) {
        this.env = env;
    }

    public String required(String name, String meaning) {
        Optional<String> value = env.get(name);
        if (value.isEmpty()) {
            problems.add(name + " is missing (" + meaning + ")");
            return "";
        }
        return value.get().trim();
    }

    public Optional<String> optional(String name) {
        return env.get(name).map(String::trim);
    }

    public String optional(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    public int integer(String name, int defaultValue, int min, int max) {
        return parsed(name, defaultValue, text -> {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return value;
        }, "a whole number");
    }

    /**
     * CLAIM_HOLD_SECONDS: how long this function's claim on a record keeps every other container off it. It must
     * outlive one invocation (the template sets it from the function's own timeout, and its test checks that), or a
     * second container could take a record the first is still writing.
     */
    public Duration claimHold() {
        return seconds("CLAIM_HOLD_SECONDS", Duration.ofSeconds(180));
    }

    public Duration seconds(String name, Duration defaultValue) {
        return parsed(name, defaultValue, text -> {
            long value = Long.parseLong(text);
            if (value <= 0) {
                throw new IllegalArgumentException("must be positive");
            }
            return Duration.ofSeconds(value);
        }, "a number of seconds");
    }

    public <E extends Enum<E>> E choice(String name, E defaultValue, Class<E> type) {
        return parsed(name, defaultValue, text -> {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(text) || constant.toString().equalsIgnoreCase(text)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("must be one of " + Arrays.toString(type.getEnumConstants()));
        }, "a choice");
    }

    /** A comma-separated list; empty when the variable is absent. */
    public List<String> list(String name) {
        return optional(name).map(text -> Arrays.stream(text.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList()).orElse(List.of());
    }

    /** {@code key=value} pairs, comma-separated; empty when the variable is absent or empty. */
    public java.util.Map<String, String> pairs(String name) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String pair : list(name)) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                problems.add(name + ": '" + pair + "' is not key=value");
            } else {
                out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return out;
    }

    /** Records a problem found by the caller (a combination of values, say). */
    public void problem(String text) {
        problems.add(text);
    }

    public void validate() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    private <T> T parsed(String name, T defaultValue, Function<String, T> parser, String kind) {
        Optional<String> text = optional(name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            return parser.apply(text.get());
        } catch (IllegalArgumentException e) {
            String why = e instanceof NumberFormatException ? "is not " + kind : e.getMessage();
            problems.add(name + "='" + text.get() + "' " + why);
            return defaultValue;
        }
    }
}

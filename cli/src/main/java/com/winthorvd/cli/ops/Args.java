package com.winthorvd.cli.ops;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Command-line words: positionals, {@code --name value} options and {@code --flag}s; unknown names are errors. */
public final class Args {
    private final List<String> positionals = new ArrayList<>();
    private final Map<String, String> options = new LinkedHashMap<>();
    private final Set<String> flags = new HashSet<>();

    public static Args parse(String[] words, Set<String> knownOptions, Set<String> knownFlags) {
        Args args = new Args();
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            if (word.startsWith("--")) {
                String name = word.substring(2);
                String value = null;
                if (name.contains("=")) {
                    value = name.substring(name.indexOf('=') + 1);
                    name = name.substring(0, name.indexOf('='));
                }
                if (knownFlags.contains(name) && value == null) {
                    args.flags.add(name);
                } else if (knownOptions.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= words.length) {
                            throw new UsageException("--" + name + " needs a value");
                        }
                        value = words[++i];
                    }
                    args.options.put(name, value);
                } else {
                    throw new UsageException("unknown option --" + name);
                }
            } else {
                args.positionals.add(word);
            }
        }
        return args;
    }

    public List<String> positionals() {
        return positionals;
    }

    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    /** A wrong command line: printed with the usage, exit code 2. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}

package com.winthorvd.testkit.stack;

import com.winthorvd.shared.config.Env;
import java.util.Map;
import java.util.Optional;

/**
 * A function's environment as Lambda would give it: its template's Environment.Variables plus the runtime's
 * own variables. Reading any other variable throws, so code that needs a variable its template entry lacks
 * fails every local test instead of silently taking a default in the cloud.
 */
public final class DeclaredEnv implements Env {
    private final String function;
    private final Map<String, String> declared;
    private final Map<String, String> runtime;

    public DeclaredEnv(String function, Map<String, String> declared, Map<String, String> runtime) {
        this.function = function;
        this.declared = Map.copyOf(declared);
        this.runtime = Map.copyOf(runtime);
    }

    @Override
    public Optional<String> get(String name) {
        String value;
        if (declared.containsKey(name)) {
            value = declared.get(name);
        } else if (runtime.containsKey(name) || isRuntimeVariable(name)) {
            value = runtime.get(name);
        } else {
            throw new UndeclaredVariableException(function + " read " + name
                    + ", which its template entry does not declare in Environment.Variables");
        }
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    public Map<String, String> declared() {
        return declared;
    }

    /** This environment with some declared variables set to other values, as a configuration update would. */
    public DeclaredEnv with(Map<String, String> changed) {
        Map<String, String> variables = new java.util.LinkedHashMap<>(declared);
        changed.forEach((name, value) -> {
            if (!declared.containsKey(name)) {
                throw new UndeclaredVariableException(function + " does not declare " + name + " in Environment.Variables");
            }
            variables.put(name, value);
        });
        return new DeclaredEnv(function, variables, runtime);
    }

    /** Names Lambda itself sets (or may set); code may read them without declaring them. */
    static boolean isRuntimeVariable(String name) {
        return name.startsWith("AWS_") || name.startsWith("LAMBDA_") || name.equals("TZ") || name.equals("_HANDLER");
    }

    /** Code read a variable its function's template entry does not declare. */
    public static final class UndeclaredVariableException extends IllegalStateException {
        public UndeclaredVariableException(String message) {
            super(message);
        }
    }
}

package com.winthorvd.shared.config;

import java.util.Map;
import java.util.Optional;

/** Where configuration values come from: the process environment in Lambda, a map in tests and locally. */
@FunctionalInterface
public interface Env {

    /** The value of a variable; blank values count as absent. */
    Optional<String> get(String name);

    static Env system() {
        return of(System.getenv());
    }

    static Env of(Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name)).filter(v -> !v.isBlank());
    }
}

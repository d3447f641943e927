package com.winthorvd.shared.util;

import java.util.function.Supplier;

/** A value read on first use and kept for the container's life (a secret: no I/O at init, one read per container). */
public final class Lazy {
    private Lazy() {
    }

    public static <T> Supplier<T> of(Supplier<T> source) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T current = value;
                if (current == null) {
                    synchronized (this) {
                        if (value == null) {
                            value = source.get();
                        }
                        current = value;
                    }
                }
                return current;
            }
        };
    }
}

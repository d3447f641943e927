package com.winthorvd.shared.util;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Independent pieces of one invocation's work on a fixed number of threads (built once per container), each within the
 * invocation's deadline, all finished before {@link #forEach} returns: bounded parallelism where each piece waits on
 * the network, so a burst takes the time of its slowest pieces instead of their sum.
 */
public final class Parallel {
    private final ExecutorService threads;

    public Parallel(String name, int width) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(width, width, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), work -> {
                    Thread thread = new Thread(work, name + "-" + n.incrementAndGet());
                    thread.setDaemon(true); // a frozen or ending container has nothing to wait for
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true); // idle between runs: no threads held
        this.threads = pool;
    }

    /** Runs {@code work} on every item, at most the pool's width at a time; the first failure is thrown once all ended. */
    public <T> void forEach(List<T> items, Consumer<T> work) {
        List<Future<?>> running = new ArrayList<>(items.size());
        for (T item : items) {
            running.add(threads.submit(Deadline.carried(() -> work.accept(item))));
        }
        RuntimeException first = null;
        for (Future<?> one : running) {
            try {
                one.get();
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the parallel work", e);
            }
        }
        if (first != null) {
            throw first;
        }
    }
}

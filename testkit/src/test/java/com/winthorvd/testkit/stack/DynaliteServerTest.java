package com.winthorvd.testkit.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DynaliteServerTest {

    /** Run in a child JVM by the test below: starts dynalite, prints its pid, waits to be killed. */
    public static final class Owner {
        public static void main(String[] args) throws Exception {
            DynaliteServer dynalite = DynaliteServer.start(RepoRoot.find());
            System.out.println("DYNALITE " + dynalite.pid());
            System.out.flush();
            Thread.sleep(120_000);
        }
    }

    @Test
    void dynaliteDiesWithItsJvmEvenWhenTheJvmIsKilled() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process owner = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Dwinthorvd.repoRoot=" + RepoRoot.find(), Owner.class.getName())
                .redirectErrorStream(true).start();
        long dynalitePid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("DYNALITE "));
            assertTrue(line != null, "the owner JVM did not start dynalite");
            dynalitePid = Long.parseLong(line.substring("DYNALITE ".length()).trim());
            Optional<ProcessHandle> dynalite = ProcessHandle.of(dynalitePid);
            assertTrue(dynalite.isPresent() && dynalite.get().isAlive());

            owner.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertTrue(owner.waitFor(10, TimeUnit.SECONDS));
            dynalite.get().onExit().get(15, TimeUnit.SECONDS);
            assertFalse(dynalite.get().isAlive(), "dynalite outlived the JVM that started it");
        } finally {
            owner.destroyForcibly();
        }
    }

    @Test
    void closingStopsDynalite() throws Exception {
        DynaliteServer dynalite = DynaliteServer.start(RepoRoot.find());
        ProcessHandle handle = ProcessHandle.of(dynalite.pid()).orElseThrow();
        assertTrue(dynalite.isAlive());
        dynalite.close();
        handle.onExit().get(10, TimeUnit.SECONDS);
        assertEquals(0, handle.descendants().filter(ProcessHandle::isAlive).count());
        assertFalse(dynalite.isAlive());
    }
}

package com.winthorvd.local.stack;

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

class MotoServerTest {

    /** Run in a child JVM by the test below: starts moto, prints its pid, waits to be killed. */
    public static final class Owner {
        public static void main(String[] args) throws Exception {
            MotoServer moto = MotoServer.start();
            System.out.println("MOTO " + moto.pid());
            System.out.flush();
            Thread.sleep(120_000);
        }
    }

    @Test
    void motoDiesWithItsJvmEvenWhenTheJvmIsKilled() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process owner = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Owner.class.getName())
                .redirectErrorStream(true).start();
        long motoPid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("MOTO "));
            assertTrue(line != null, "the owner JVM did not start moto");
            motoPid = Long.parseLong(line.substring(5).trim());
            Optional<ProcessHandle> moto = ProcessHandle.of(motoPid);
            assertTrue(moto.isPresent() && moto.get().isAlive());

            owner.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertTrue(owner.waitFor(10, TimeUnit.SECONDS));
            moto.get().onExit().get(15, TimeUnit.SECONDS);
            assertFalse(moto.get().isAlive(), "moto outlived the JVM that started it");
        } finally {
            owner.destroyForcibly();
        }
    }

    @Test
    void closingStopsMotoAndItsChildren() throws Exception {
        MotoServer moto = MotoServer.start();
        ProcessHandle handle = ProcessHandle.of(moto.pid()).orElseThrow();
        assertTrue(moto.isAlive());
        moto.close();
        handle.onExit().get(10, TimeUnit.SECONDS);
        assertEquals(0, handle.descendants().filter(ProcessHandle::isAlive).count());
        assertFalse(moto.isAlive());
    }
}

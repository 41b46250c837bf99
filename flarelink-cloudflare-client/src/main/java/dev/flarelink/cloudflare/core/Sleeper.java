package dev.flarelink.cloudflare.core;

import java.time.Duration;

/** Waits for a duration; injectable so that tests record waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps the current thread. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    /** Blocks for {@code duration} (or records it, in tests). */
    void sleep(Duration duration) throws InterruptedException;
}

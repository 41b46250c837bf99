package dev.flarelink.cloudflare;

import dev.flarelink.cloudflare.core.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A sleeper that records the requested waits and advances a fake clock instead of sleeping. */
public final class RecordingSleeper implements Sleeper {

    private final FakeClock clock;
    private final List<Duration> waits = new ArrayList<>();

    public RecordingSleeper(FakeClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        waits.add(duration);
        clock.advance(duration);
    }

    public synchronized List<Duration> waits() {
        return List.copyOf(waits);
    }
}

package dev.flarelink.cloudflare.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.cloudflare.FakeClock;
import dev.flarelink.cloudflare.RecordingSleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SlidingWindowRateLimiterTests {

    /** Whatever the request pattern, no window of the configured length ever sees more than the permits. */
    @Property(tries = 300)
    void neverLetsMoreThanThePermitsThroughInAnyWindow(
            @ForAll @IntRange(min = 1, max = 20) int permits,
            @ForAll @IntRange(min = 10, max = 5_000) int windowMillis,
            @ForAll @Size(min = 1, max = 200) List<@IntRange(min = 0, max = 3_000) Integer> gapsMillis)
            throws InterruptedException {
        FakeClock clock = new FakeClock();
        RecordingSleeper sleeper = new RecordingSleeper(clock);
        SlidingWindowRateLimiter limiter =
                new SlidingWindowRateLimiter(permits, Duration.ofMillis(windowMillis), clock, sleeper);
        List<Long> granted = new ArrayList<>();

        for (int gap : gapsMillis) {
            clock.advance(Duration.ofMillis(gap));
            limiter.acquire();
            granted.add(clock.millis());
        }

        for (int i = 0; i < granted.size(); i++) {
            long end = granted.get(i);
            long inWindow = granted.stream()
                    .filter(t -> t > end - windowMillis && t <= end)
                    .count();
            assertThat(inWindow).isLessThanOrEqualTo(permits);
        }
    }

    /** The limiter only delays when it must: with gaps at least window/permits apart nothing ever waits. */
    @Property(tries = 100)
    void neverWaitsWhenTrafficIsUnderTheRate(
            @ForAll @IntRange(min = 1, max = 20) int permits,
            @ForAll @Size(max = 100) List<@IntRange(min = 0, max = 5) Integer> extra)
            throws InterruptedException {
        FakeClock clock = new FakeClock();
        RecordingSleeper sleeper = new RecordingSleeper(clock);
        Duration window = Duration.ofSeconds(permits);
        SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(permits, window, clock, sleeper);

        for (int e : extra) {
            limiter.acquire();
            clock.advance(Duration.ofMillis(1_000 + e));
        }

        assertThat(sleeper.waits()).isEmpty();
    }

    @net.jqwik.api.Example
    void burstBeyondThePermitsWaitsForTheOldestToLeaveTheWindow() throws InterruptedException {
        FakeClock clock = new FakeClock();
        RecordingSleeper sleeper = new RecordingSleeper(clock);
        SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(3, Duration.ofMinutes(5), clock, sleeper);

        for (int i = 0; i < 4; i++) {
            limiter.acquire();
        }

        assertThat(sleeper.waits()).containsExactly(Duration.ofMinutes(5));
    }
}

package dev.flarelink.activity.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Defaults and the limits of a reconciliation range. */
class ReconcileRangeTests {

    private static final Instant NOW = Instant.parse("2026-03-31T12:00:00Z");

    @Test
    void defaultsToTheLast24Hours() {
        assertThat(ReconcileRange.of(null, null, NOW))
                .isEqualTo(new ReconcileRange(NOW.minus(Duration.ofHours(24)), NOW));
        Instant end = NOW.minusSeconds(7200);
        assertThat(ReconcileRange.of(null, end, NOW).since()).isEqualTo(end.minus(Duration.ofHours(24)));
    }

    @Test
    void refusesAStartOlderThan30DaysAnEndBeforeTheStartAndAFutureStart() {
        assertThat(ReconcileRange.of(NOW.minus(Duration.ofDays(30)), null, NOW).since())
                .isEqualTo(NOW.minus(Duration.ofDays(30)));
        assertThatThrownBy(() -> ReconcileRange.of(NOW.minus(Duration.ofDays(31)), null, NOW))
                .isInstanceOfSatisfying(
                        ReconcileRange.InvalidRangeException.class,
                        e -> assertThat(e.field()).isEqualTo("from"))
                .hasMessageContaining("30 days");
        assertThatThrownBy(() -> ReconcileRange.of(NOW.minusSeconds(60), NOW.minusSeconds(120), NOW))
                .isInstanceOfSatisfying(
                        ReconcileRange.InvalidRangeException.class,
                        e -> assertThat(e.field()).isEqualTo("to"));
        assertThatThrownBy(() -> ReconcileRange.of(NOW.plusSeconds(60), NOW.plusSeconds(120), NOW))
                .isInstanceOfSatisfying(
                        ReconcileRange.InvalidRangeException.class,
                        e -> assertThat(e.field()).isEqualTo("from"));
    }
}

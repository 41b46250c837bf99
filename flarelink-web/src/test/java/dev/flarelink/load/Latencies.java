package dev.flarelink.load;

import java.util.Arrays;

/** Every sample of one measure (nanoseconds), kept whole so percentiles are exact rather than bucketed. */
final class Latencies {

    private long[] samples = new long[4096];
    private int size;

    synchronized void add(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    synchronized void addAll(Latencies other) {
        long[] theirs = other.snapshot();
        for (long sample : theirs) {
            add(sample);
        }
    }

    synchronized int count() {
        return size;
    }

    /** Nearest-rank percentile in milliseconds, e.g. {@code percentile(0.95)}; NaN when there is no sample. */
    double percentileMillis(double quantile) {
        long[] sorted = snapshot();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1_000_000.0;
    }

    private synchronized long[] snapshot() {
        return Arrays.copyOf(samples, size);
    }
}

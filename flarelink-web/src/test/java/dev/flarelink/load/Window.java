package dev.flarelink.load;

/** The measurement window in {@link System#nanoTime()} terms, shared by the client threads and the server filter. */
final class Window {

    private volatile long start = Long.MAX_VALUE;
    private volatile long end = Long.MAX_VALUE;

    void open(long startNanos, long endNanos) {
        this.end = endNanos;
        this.start = startNanos;
    }

    /** True when a request that began at {@code nanos} is measured. */
    boolean contains(long nanos) {
        return nanos >= start && nanos < end;
    }
}

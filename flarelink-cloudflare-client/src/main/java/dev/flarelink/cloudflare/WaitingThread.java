package dev.flarelink.cloudflare;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Lets a thread give back what it holds to work while it waits on the network. The dashboard lets only a few
 * requests work on the CPU at once (two cores run a handful of pages faster than thirty-two, issue 24), but a page
 * that waits hundreds of milliseconds for Cloudflare, R2 or a Worker must not keep others from working meanwhile:
 * every such wait goes through {@link #send} or {@link #waiting}, which hand the thread's {@link Turn} back for the
 * wait's length. A thread without a turn (background work, tests) just waits.
 *
 * <p>Thread-bound on purpose, like {@link RateLimitWait}: the turn belongs to the request the thread serves.
 */
public final class WaitingThread {

    private static final ThreadLocal<Turn> TURN = new ThreadLocal<>();

    private WaitingThread() {}

    /** A share of the CPU held by the current thread while it works. */
    public interface Turn {

        /** Gives the turn back for a wait; false when the thread holds none to give. */
        boolean giveBack();

        /** Back from the wait: takes a turn again. Never blocks, so that a wait cannot end in a deadlock. */
        void resume();
    }

    /** Marks the current thread as holding {@code turn} until the returned scope is closed. */
    public static RateLimitWait.Scope holding(Turn turn) {
        Turn previous = TURN.get();
        TURN.set(turn);
        return () -> {
            if (previous == null) {
                TURN.remove();
            } else {
                TURN.set(previous);
            }
        };
    }

    /** {@link HttpClient#send}, with the thread's turn given back until the answer is in. */
    public static <T> HttpResponse<T> send(HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        Turn turn = givenBack();
        try {
            return http.send(request, body);
        } finally {
            resume(turn);
        }
    }

    /** Runs {@code wait} (sleeps, rate limits, HTTP exchanges and their retries) with the thread's turn given back. */
    public static <T> T waiting(Supplier<T> wait) {
        Turn turn = givenBack();
        try {
            return wait.get();
        } finally {
            resume(turn);
        }
    }

    private static @Nullable Turn givenBack() {
        Turn turn = TURN.get();
        return turn != null && turn.giveBack() ? turn : null;
    }

    private static void resume(@Nullable Turn turn) {
        if (turn != null) {
            turn.resume();
        }
    }
}

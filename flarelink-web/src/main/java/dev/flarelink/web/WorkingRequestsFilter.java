package dev.flarelink.web;

import dev.flarelink.cloudflare.RateLimitWait;
import dev.flarelink.cloudflare.WaitingThread;
import dev.flarelink.config.FlarelinkProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets only a few page and read requests (GET, HEAD) work at once, one per processor by default with the database on
 * this machine ({@link FlarelinkProperties#workingRequestsAtOnce}); the rest wait their turn, first come first served. Measured under load (issue 24, docs/self-hosting.md): with 50 users on two cores,
 * two requests working at once cost about half the CPU a page of 32 at once, and answered sooner. Tomcat keeps its
 * 32 threads so that pages waiting on Cloudflare, R2 or a Worker still have threads: such a wait hands the turn on
 * ({@link WaitingThread}), and the request takes one again when it comes back, without waiting, so that a request
 * already under way is never stuck behind new ones (nor in a deadlock with them). Writes (forms, uploads, the API's
 * posts) are not held back: they are few, and an upload waits on its client.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class WorkingRequestsFilter extends OncePerRequestFilter {

    private final Semaphore turns;

    @Autowired
    WorkingRequestsFilter(FlarelinkProperties properties, Environment environment) {
        this(properties.workingRequestsAtOnce(databaseOnThisMachine(environment.getProperty("spring.datasource.url"))));
    }

    WorkingRequestsFilter(int atOnce) {
        this.turns = new Semaphore(atOnce, true);
    }

    /** The embedded PostgreSQL (no URL) or one on a loopback address. */
    static boolean databaseOnThisMachine(@Nullable String url) {
        if (url == null || url.isBlank()) {
            return true;
        }
        String hosts = url.replaceFirst("^jdbc:postgresql://", "").replaceFirst("[/?].*$", "");
        return hosts.matches("(?i)(localhost|127\\.[0-9.]+|\\[::1\\])(:[0-9]+)?");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return !"GET".equals(method) && !"HEAD".equals(method);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            turns.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServletException("Interrupted while waiting for a turn to work", e);
        }
        Turn turn = new Turn();
        try (RateLimitWait.Scope working = WaitingThread.holding(turn)) {
            chain.doFilter(request, response);
        } finally {
            turn.giveBack();
        }
    }

    /** Turns free now. */
    int freeTurns() {
        return turns.availablePermits();
    }

    /**
     * The request's turn: given back while it waits on the network, taken again (or run without) after, and given
     * back for good when the request is done.
     */
    private final class Turn implements WaitingThread.Turn {

        private boolean held = true;

        @Override
        public boolean giveBack() {
            if (!held) {
                return false;
            }
            held = false;
            turns.release();
            return true;
        }

        @Override
        public void resume() {
            // Never waits: a request back from Cloudflare finishes even when new ones hold every turn; it takes a
            // turn if one is free, so the count stays close.
            held = turns.tryAcquire();
        }
    }
}

package dev.flarelink.load;

import dev.flarelink.support.BrowserlessSession;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * One signed-in browser without think time: requests the project page, the database grid and the activity page in
 * turn until the end of the run. A response counts as served only if it is a 200 showing the user's own data.
 */
final class VirtualUser implements Runnable {

    private final LoadSeed seed;
    private final List<Page> pages;
    private final int port;
    private final int offset;
    private final CountDownLatch signedIn;
    private final CountDownLatch go;
    private final Window window;
    private final Results results;
    private volatile long endNanos = Long.MIN_VALUE; // no request until runUntil
    private volatile @Nullable String signInFailure;

    VirtualUser(
            LoadSeed seed,
            List<Page> pages,
            int port,
            int offset,
            CountDownLatch signedIn,
            CountDownLatch go,
            Window window,
            Results results) {
        this.seed = seed;
        this.pages = pages;
        this.port = port;
        this.offset = offset;
        this.signedIn = signedIn;
        this.go = go;
        this.window = window;
        this.results = results;
    }

    /** Why this user could not sign in, if it could not. */
    @Nullable
    String signInFailure() {
        return signInFailure;
    }

    void runUntil(long endNanos) {
        this.endNanos = endNanos;
    }

    @Override
    public void run() {
        BrowserlessSession session;
        try {
            session = seed.signIn(port);
        } catch (RuntimeException e) {
            signInFailure = e.getMessage();
            return;
        } finally {
            signedIn.countDown();
        }
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        for (int i = offset; System.nanoTime() < endNanos; i++) {
            Page page = pages.get(i % pages.size());
            long start = System.nanoTime();
            String problem = request(session, page);
            results.record(page, window.contains(start), System.nanoTime() - start, problem);
        }
    }

    private @Nullable String request(BrowserlessSession session, Page page) {
        try {
            HttpResponse<String> response = session.get(seed.paths().get(page));
            if (response.statusCode() != 200) {
                return page.label() + " answered " + response.statusCode();
            }
            if (!response.body().contains(seed.markers().get(page))) {
                return page.label() + " answered 200 without the user's data";
            }
            return null;
        } catch (RuntimeException e) {
            return page.label() + " failed: " + e.getClass().getSimpleName();
        }
    }
}

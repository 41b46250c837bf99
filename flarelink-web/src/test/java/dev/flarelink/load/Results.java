package dev.flarelink.load;

import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** What the virtual users saw: client times of measured requests, and request and error counts per phase. */
final class Results {

    private final Map<Page, Latencies> client = new EnumMap<>(Page.class);
    private final Map<Page, AtomicLong> requests = new EnumMap<>(Page.class);
    private final Map<Page, AtomicLong> errors = new EnumMap<>(Page.class);
    private final AtomicLong warmupRequests = new AtomicLong();
    private final AtomicLong warmupErrors = new AtomicLong();
    private final Set<String> problems = new LinkedHashSet<>();

    Results() {
        for (Page page : Page.values()) {
            client.put(page, new Latencies());
            requests.put(page, new AtomicLong());
            errors.put(page, new AtomicLong());
        }
    }

    void record(Page page, boolean measured, long nanos, @Nullable String problem) {
        if (problem != null) {
            synchronized (problems) {
                if (problems.size() < 10) {
                    problems.add(problem);
                }
            }
        }
        if (!measured) {
            warmupRequests.incrementAndGet();
            if (problem != null) {
                warmupErrors.incrementAndGet();
            }
            return;
        }
        requests.get(page).incrementAndGet();
        if (problem != null) {
            errors.get(page).incrementAndGet();
        } else {
            client.get(page).add(nanos);
        }
    }

    Latencies client(Page page) {
        return client.get(page);
    }

    long requests(Page page) {
        return requests.get(page).get();
    }

    long errors(Page page) {
        return errors.get(page).get();
    }

    long warmupRequests() {
        return warmupRequests.get();
    }

    long warmupErrors() {
        return warmupErrors.get();
    }

    /** Up to ten distinct error descriptions (status and page, never a response body). */
    Set<String> problems() {
        synchronized (problems) {
            return Set.copyOf(problems);
        }
    }
}

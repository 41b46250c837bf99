package dev.flarelink.cloudflare.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Realism switches for tests: the per-token rate limit, injected latency, injected failures (5xx, or any status
 * with a chosen Cloudflare error message), lost responses and how verify reports an inactive token. Paths are globs relative to the API base ({@code /client/v4}):
 * {@code *} matches one segment, {@code **} any number, e.g. {@code /accounts/*}{@code /d1/database}.
 */
public final class SandboxSwitches {

    /** R2's smallest multipart part (every part but the last): 5 MiB. */
    public static final long R2_MINIMUM_PART_SIZE = 5L * 1024 * 1024;

    private record Rule(
            String method,
            Pattern path,
            Duration latency,
            int status,
            int code,
            @Nullable String message,
            int[] remaining) {}

    /** An injected failure: the status, and the error code and message when the test chose them. */
    record Failure(int status, int code, @Nullable String message) {}

    private final List<Rule> latencies = new ArrayList<>();
    private final List<Rule> failures = new ArrayList<>();
    private final List<Rule> drops = new ArrayList<>();
    private boolean rateLimitEnabled = true;
    private int rateLimit = 1200;
    private Duration rateWindow = Duration.ofMinutes(5);
    private boolean verifyReportsInactiveStatus;
    private long r2MinimumPartSize = R2_MINIMUM_PART_SIZE;

    /** Enables the per-token limit with Cloudflare's numbers (1,200 requests per 5 minutes); on by default. */
    public synchronized SandboxSwitches rateLimit(int requests, Duration window) {
        this.rateLimitEnabled = true;
        this.rateLimit = requests;
        this.rateWindow = window;
        return this;
    }

    public synchronized SandboxSwitches rateLimitOff() {
        this.rateLimitEnabled = false;
        return this;
    }

    /** Delays every matching call by {@code delay} before it is handled; method "*" matches any method. */
    public synchronized SandboxSwitches latency(String method, String pathGlob, Duration delay) {
        latencies.add(new Rule(method, glob(pathGlob), delay, 0, 0, null, new int[] {Integer.MAX_VALUE}));
        return this;
    }

    public SandboxSwitches latency(Duration delay) {
        return latency("*", "/**", delay);
    }

    /** The next {@code times} matching calls answer {@code status} (5xx) without doing anything. */
    public synchronized SandboxSwitches failNext(String method, String pathGlob, int times, int status) {
        failures.add(new Rule(method, glob(pathGlob), Duration.ZERO, status, 0, null, new int[] {times}));
        return this;
    }

    /**
     * The next {@code times} matching calls answer {@code status} with one error carrying {@code code} and
     * {@code message}, without doing anything: Cloudflare's text reaching the pages (e.g. markup in an error).
     */
    public synchronized SandboxSwitches rejectNext(
            String method, String pathGlob, int times, int status, int code, String message) {
        failures.add(new Rule(method, glob(pathGlob), Duration.ZERO, status, code, message, new int[] {times}));
        return this;
    }

    /** The next matching call is performed, then its connection is dropped before any response is sent. */
    public synchronized SandboxSwitches loseResponseOfNext(String method, String pathGlob) {
        drops.add(new Rule(method, glob(pathGlob), Duration.ZERO, 0, 0, null, new int[] {1}));
        return this;
    }

    /**
     * When true, verify answers 200 with {@code status: "disabled" | "expired"} for an inactive token; when false
     * (default) it answers the authentication error. The reference leaves which one Cloudflare does unverified.
     */
    public synchronized SandboxSwitches verifyReportsInactiveStatus(boolean value) {
        this.verifyReportsInactiveStatus = value;
        return this;
    }

    /**
     * The smallest size CompleteMultipartUpload accepts for every part but the last; R2's 5 MiB by default. Tests
     * lower it to upload in parts without megabytes of data.
     */
    public synchronized SandboxSwitches r2MinimumPartSize(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("a part has at least 1 byte");
        }
        this.r2MinimumPartSize = bytes;
        return this;
    }

    /** Restores every switch to its default. */
    public synchronized SandboxSwitches reset() {
        latencies.clear();
        failures.clear();
        drops.clear();
        rateLimitEnabled = true;
        rateLimit = 1200;
        rateWindow = Duration.ofMinutes(5);
        verifyReportsInactiveStatus = false;
        r2MinimumPartSize = R2_MINIMUM_PART_SIZE;
        return this;
    }

    synchronized boolean rateLimitEnabled() {
        return rateLimitEnabled;
    }

    synchronized int rateLimitRequests() {
        return rateLimit;
    }

    synchronized Duration rateLimitWindow() {
        return rateWindow;
    }

    synchronized long minimumPartSize() {
        return r2MinimumPartSize;
    }

    synchronized boolean verifyReportsInactive() {
        return verifyReportsInactiveStatus;
    }

    synchronized Duration latencyFor(String method, String path) {
        Duration total = Duration.ZERO;
        for (Rule rule : latencies) {
            if (matches(rule, method, path)) {
                total = total.plus(rule.latency());
            }
        }
        return total;
    }

    synchronized @Nullable Failure takeFailure(String method, String path) {
        Rule rule = take(failures, method, path);
        return rule == null ? null : new Failure(rule.status(), rule.code(), rule.message());
    }

    synchronized boolean takeLostResponse(String method, String path) {
        return take(drops, method, path) != null;
    }

    private static @Nullable Rule take(List<Rule> rules, String method, String path) {
        for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
            Rule rule = it.next();
            if (matches(rule, method, path)) {
                if (--rule.remaining()[0] <= 0) {
                    it.remove();
                }
                return rule;
            }
        }
        return null;
    }

    private static boolean matches(Rule rule, String method, String path) {
        return (rule.method().equals("*") || rule.method().equalsIgnoreCase(method))
                && rule.path().matcher(path).matches();
    }

    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]+");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex + "/?");
    }
}

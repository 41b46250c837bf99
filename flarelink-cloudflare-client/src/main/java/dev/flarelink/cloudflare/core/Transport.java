package dev.flarelink.cloudflare.core;

import dev.flarelink.cloudflare.ApiCallEvent;
import dev.flarelink.cloudflare.ApiCallListener;
import dev.flarelink.cloudflare.ApiToken;
import dev.flarelink.cloudflare.CloudflareClientOptions;
import dev.flarelink.cloudflare.RateLimitWait;
import dev.flarelink.cloudflare.WaitingThread;
import dev.flarelink.cloudflare.errors.CloudflareApiException;
import dev.flarelink.cloudflare.errors.CloudflareConnectionException;
import dev.flarelink.cloudflare.errors.CloudflareException;
import dev.flarelink.cloudflare.errors.CloudflareInvalidResponseException;
import dev.flarelink.cloudflare.errors.TokenBudgetSpentException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * Sends {@link ApiRequest}s over one shared {@link HttpClient}: per-token rate limiting, the retry loop, response
 * classification and one {@link ApiCallEvent} per HTTP attempt.
 */
public final class Transport {

    private static final System.Logger LOG = System.getLogger(Transport.class.getName());

    private final HttpClient http;
    private final CloudflareClientOptions options;
    private final RetryPolicy retryPolicy;
    private final ResponseReader reader;
    private final ConcurrentMap<String, SlidingWindowRateLimiter> limiters = new ConcurrentHashMap<>();

    public Transport(CloudflareClientOptions options) {
        this.options = options;
        this.http = HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.retryPolicy = new RetryPolicy(options.maxAttempts(), options.maxRetryWait());
        this.reader = new ResponseReader(options.clock());
    }

    /** Executes the request for {@code token}, retrying as the {@link RetryPolicy} allows. */
    public RawResponse execute(ApiToken token, ApiRequest request) {
        return execute(token, request, ApiCallListener.NONE);
    }

    /** As {@link #execute(ApiToken, ApiRequest)}, also telling {@code viewListener} of every attempt. */
    public RawResponse execute(ApiToken token, ApiRequest request, ApiCallListener viewListener) {
        // Rate limits, the exchange and retry delays are all waits: the thread works for no one meanwhile.
        return WaitingThread.waiting(() -> executeWaiting(token, request, viewListener));
    }

    private RawResponse executeWaiting(ApiToken token, ApiRequest request, ApiCallListener viewListener) {
        HttpRequest httpRequest = toHttpRequest(token, request);
        SlidingWindowRateLimiter limiter = limiters.computeIfAbsent(token.fingerprint(), k -> newLimiter());
        for (int attempt = 1; ; attempt++) {
            waitFor(limiter);
            Instant started = options.clock().instant();
            Outcome outcome = attempt(httpRequest, request, token);
            Duration delay = outcome.failure == null
                    ? null
                    : retryPolicy.retryDelay(outcome.failure, attempt, request.idempotent(), outcome.sent);
            emit(request, outcome, started, attempt, delay != null, viewListener);
            if (outcome.failure == null) {
                return outcome.response;
            }
            if (delay == null) {
                throw outcome.failure;
            }
            sleep(delay, outcome.failure);
        }
    }

    private Outcome attempt(HttpRequest httpRequest, ApiRequest request, ApiToken token) {
        try {
            HttpResponse<byte[]> response = http.send(httpRequest, HttpResponse.BodyHandlers.ofByteArray());
            return reader.read(response, request, token);
        } catch (HttpConnectTimeoutException e) {
            return Outcome.failed(connectionFailure("connect timed out", true, e), false);
        } catch (ConnectException e) {
            return Outcome.failed(connectionFailure("connection refused", false, e), false);
        } catch (HttpTimeoutException e) {
            return Outcome.failed(connectionFailure("no response within the read timeout", true, e), true);
        } catch (IOException e) {
            if (failedToConnect(e)) {
                // The JDK may wrap a refused connection (e.g. when its own connect retry hits its limit).
                return Outcome.failed(connectionFailure("connection refused", false, e), false);
            }
            // The request may have reached Cloudflare: a reset or truncated response is ambiguous for a create.
            return Outcome.failed(
                    connectionFailure("connection failed (" + e.getClass().getSimpleName() + ")", false, e), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed(connectionFailure("interrupted", false, e), true);
        }
    }

    private static boolean failedToConnect(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private CloudflareConnectionException connectionFailure(String what, boolean timeout, Exception cause) {
        return new CloudflareConnectionException(
                "Cloudflare API " + what + " (" + options.baseUrl().getHost() + ")", timeout, cause);
    }

    private HttpRequest toHttpRequest(ApiToken token, ApiRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(request))
                .timeout(request.upload() ? options.uploadTimeout() : options.readTimeout())
                .version(
                        "https".equals(options.baseUrl().getScheme())
                                ? HttpClient.Version.HTTP_2
                                : HttpClient.Version.HTTP_1_1)
                .header("Authorization", "Bearer " + token.reveal())
                .header("User-Agent", options.userAgent());
        if (!request.headers().containsKey("Accept")) {
            builder.header("Accept", "application/json");
        }
        request.headers().forEach(builder::header);
        byte[] body = request.body();
        if (body != null && request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        builder.method(
                request.method(),
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return builder.build();
    }

    private URI uri(ApiRequest request) {
        String base = options.baseUrl().toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String query = request.renderQuery();
        return URI.create(base + request.renderPath() + (query.isEmpty() ? "" : "?" + query));
    }

    private SlidingWindowRateLimiter newLimiter() {
        return new SlidingWindowRateLimiter(
                options.rateLimit().permits(), options.rateLimit().window(), options.clock(), options.sleeper());
    }

    private void waitFor(SlidingWindowRateLimiter limiter) {
        try {
            Duration limit = RateLimitWait.current().orElse(null);
            if (limit == null) {
                limiter.acquire();
                return;
            }
            Duration stillNeeded = limiter.acquireWithin(limit);
            if (!stillNeeded.isZero()) {
                throw new TokenBudgetSpentException(options.rateLimit(), stillNeeded);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudflareConnectionException("interrupted while waiting for the rate limiter", false, e);
        }
    }

    private void sleep(Duration delay, CloudflareException failure) {
        Duration limit = RateLimitWait.current().orElse(null);
        if (limit != null && delay.compareTo(limit) > 0) {
            // A page does not sit out a long Retry-After either: it says so and lets the user come back.
            throw failure;
        }
        try {
            options.sleeper().sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudflareConnectionException("interrupted while waiting to retry", false, e);
        }
    }

    private void emit(
            ApiRequest request,
            Outcome outcome,
            Instant started,
            int attempt,
            boolean willRetry,
            ApiCallListener viewListener) {
        Duration duration = Duration.between(started, options.clock().instant());
        CloudflareException failure = outcome.failure;
        List<Integer> codes = failure instanceof CloudflareApiException api ? api.codes() : List.of();
        ApiCallEvent event = new ApiCallEvent(
                request.action(),
                request.method(),
                request.pathTemplate(),
                request.pathParams(),
                statusOf(outcome),
                codes,
                rayOf(outcome),
                started,
                duration.isNegative() ? Duration.ZERO : duration,
                attempt,
                willRetry,
                failure == null ? null : failure.getClass().getSimpleName(),
                request.sql() == null ? null : Sql.truncate(request.sql()),
                !codes.isEmpty() && request.expectedErrors().containsAll(codes));
        notify(options.listener(), event);
        notify(viewListener, event);
    }

    private static void notify(ApiCallListener listener, ApiCallEvent event) {
        try {
            listener.onAttempt(event);
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "ApiCallListener failed: " + e.getClass().getName());
        }
    }

    private static @Nullable Integer statusOf(Outcome outcome) {
        if (outcome.response != null) {
            return outcome.response.status();
        }
        if (outcome.failure instanceof CloudflareApiException api) {
            return api.status();
        }
        if (outcome.failure instanceof CloudflareInvalidResponseException invalid) {
            return invalid.status();
        }
        return null;
    }

    private static @Nullable String rayOf(Outcome outcome) {
        if (outcome.response != null) {
            return outcome.response.cfRay();
        }
        if (outcome.failure instanceof CloudflareApiException api) {
            return api.cfRay();
        }
        if (outcome.failure instanceof CloudflareInvalidResponseException invalid) {
            return invalid.cfRay();
        }
        return null;
    }

    /** The result of one attempt: a response, or a failure and whether the request may have been sent. */
    static final class Outcome {
        final @Nullable RawResponse response;
        final @Nullable CloudflareException failure;
        final boolean sent;

        private Outcome(@Nullable RawResponse response, @Nullable CloudflareException failure, boolean sent) {
            this.response = response;
            this.failure = failure;
            this.sent = sent;
        }

        static Outcome ok(RawResponse response) {
            return new Outcome(response, null, true);
        }

        static Outcome failed(CloudflareException failure, boolean sent) {
            return new Outcome(null, failure, sent);
        }
    }
}

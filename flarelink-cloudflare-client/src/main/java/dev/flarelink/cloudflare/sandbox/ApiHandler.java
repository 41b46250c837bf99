package dev.flarelink.cloudflare.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Serves {@code /client/v4}: applies injected latency, authentication, the rate limit, injected failures and lost
 * responses, dispatches to a route, records the call in the audit log and commits the call's changes.
 */
final class ApiHandler implements HttpHandler {

    static final String BASE = "/client/v4";

    private final SandboxContext ctx;
    private final Router router;
    private final AuditLog audit;

    ApiHandler(SandboxContext ctx, Router router, AuditLog audit) {
        this.ctx = ctx;
        this.router = router;
        this.audit = audit;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = readBody(exchange.getRequestBody());
            URI uri = exchange.getRequestURI();
            String rawPath = uri.getRawPath().substring(BASE.length());
            String method = exchange.getRequestMethod();
            sleep(ctx.switches.latencyFor(method, rawPath));
            String ray = Ids.hex(8);
            Outcome outcome;
            ctx.lock.lock();
            try {
                outcome = dispatch(exchange, method, rawPath, uri.getRawQuery(), body);
                audit.record(exchange, outcome.token, outcome.accountId, rawPath, outcome.response.status, ray);
                boolean read = method.equals("GET") || method.equals("HEAD");
                ctx.store.commit(ctx.state, !read && !outcome.dataOnly);
            } finally {
                ctx.lock.unlock();
            }
            if (outcome.loseResponse) {
                return; // closing without response headers drops the connection, as a lost response does
            }
            send(exchange, outcome.response, ray);
        }
    }

    private record Outcome(
            ApiResponse response,
            SandboxState.@Nullable Token token,
            String accountId,
            boolean loseResponse,
            boolean dataOnly) {
        Outcome(ApiResponse response, SandboxState.@Nullable Token token, String accountId, boolean loseResponse) {
            this(response, token, accountId, loseResponse, false);
        }
    }

    private Outcome dispatch(
            HttpExchange exchange, String method, String rawPath, @Nullable String query, byte[] body) {
        boolean[] wrongMethod = new boolean[1];
        Router.Match match = router.match(method, rawPath, wrongMethod);
        if (match == null) {
            int status = wrongMethod[0] ? 405 : 404;
            String message = "Could not route to " + rawPath + ", perhaps your object identifier is invalid?";
            return new Outcome(ApiResponse.error(new ApiException(status, 7003, message)), null, "", false);
        }
        String accountId = match.vars().getOrDefault("aid", "");
        SandboxState.Token token = null;
        try {
            String authorization = header(exchange, "Authorization");
            token = match.route().selfAuth() ? optionalToken(authorization) : ctx.authz.authenticate(authorization);
            ApiResponse limited = rateLimit(token, exchange);
            if (limited != null) {
                return new Outcome(limited, token, accountId, false);
            }
            SandboxSwitches.Failure failure = ctx.switches.takeFailure(method, rawPath);
            if (failure != null) {
                return new Outcome(injectedFailure(failure, rawPath), token, accountId, false);
            }
            ApiCall call = new ApiCall(
                    method,
                    rawPath,
                    match.vars(),
                    PercentCodec.query(query),
                    exchange.getRequestHeaders(),
                    body,
                    token);
            ApiResponse response = match.route().handler().handle(call);
            boolean lose = ctx.switches.takeLostResponse(method, rawPath);
            return new Outcome(
                    response,
                    token,
                    accountId.isEmpty() && token != null ? token.accountId : accountId,
                    lose,
                    match.route().dataOnly());
        } catch (ApiException e) {
            return new Outcome(ApiResponse.error(e), token, accountId, false);
        } catch (RuntimeException e) {
            ApiException internal = new ApiException(
                    500, 10002, "An internal error occurred: " + e.getClass().getSimpleName());
            return new Outcome(ApiResponse.error(internal), token, accountId, false);
        }
    }

    private SandboxState.@Nullable Token optionalToken(String authorization) {
        return ctx.authz.byValue(Authz.bearerValue(authorization));
    }

    private @Nullable ApiResponse rateLimit(SandboxState.@Nullable Token token, HttpExchange exchange) {
        if (!ctx.switches.rateLimitEnabled() || ctx.isRuntimeToken(token)) {
            return null;
        }
        String key = token == null ? "anonymous:" + exchange.getRemoteAddress().getAddress() : token.id;
        RateLimiter.Decision decision = ctx.rateLimiter.acquire(
                key,
                ctx.switches.rateLimitRequests(),
                ctx.switches.rateLimitWindow().toMillis());
        exchange.getResponseHeaders().set("x-ratelimit-limit", String.valueOf(decision.limit()));
        exchange.getResponseHeaders().set("x-ratelimit-remaining", String.valueOf(decision.remaining()));
        if (decision.allowed()) {
            return null;
        }
        ApiException error = new ApiException(429, 971, "Please wait and consider throttling your request speed");
        return ApiResponse.error(error).header("Retry-After", String.valueOf(decision.retryAfterSeconds()));
    }

    private static ApiResponse injectedFailure(SandboxSwitches.Failure failure, String rawPath) {
        int status = failure.status();
        if (failure.message() != null) {
            return ApiResponse.error(new ApiException(status, failure.code(), failure.message()));
        }
        if (rawPath.contains("/d1/database/")) {
            return ApiResponse.error(new ApiException(status, 7500, "Network connection lost."));
        }
        return ApiResponse.error(new ApiException(status, 10002, "An internal error occurred."));
    }

    private static void send(HttpExchange exchange, ApiResponse response, String ray) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", response.contentType);
        exchange.getResponseHeaders().set("cf-ray", ray + "-FAKE");
        response.headers.forEach(exchange.getResponseHeaders()::set);
        boolean empty = response.body.length == 0 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(response.status, empty ? -1 : response.body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body);
            }
        }
    }

    static String header(HttpExchange exchange, String name) {
        String value = exchange.getRequestHeaders().getFirst(name);
        return value == null ? "" : value;
    }

    static byte[] readBody(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    static void sleep(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

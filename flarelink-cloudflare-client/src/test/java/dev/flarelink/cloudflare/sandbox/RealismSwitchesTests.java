package dev.flarelink.cloudflare.sandbox;

import static dev.flarelink.cloudflare.sandbox.Http.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RealismSwitchesTests extends SandboxFixture {

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void rateLimitAnswers429With971AndRetryAfterThenRecoversWhenTheWindowPasses() {
        sandbox.switches().rateLimit(3, Duration.ofMinutes(5));
        SandboxToken other = tokenWith(SandboxPermission.D1_EDIT);

        for (int i = 0; i < 3; i++) {
            assertThat(api.get("/accounts", token.value()).status()).isEqualTo(200);
        }
        Http.Reply limited = api.get("/accounts", token.value());

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.errorCode()).isEqualTo(971);
        assertThat(limited.header("Retry-After")).isEqualTo("300");
        assertThat(limited.header("x-ratelimit-remaining")).isEqualTo("0");
        assertThat(api.get("/accounts", other.value()).status()).isEqualTo(200); // the limit is per token

        clock.advance(Duration.ofMinutes(5));
        assertThat(api.get("/accounts", token.value()).status()).isEqualTo(200);
    }

    @Test
    void defaultLimitIsCloudflares1200PerFiveMinutes() {
        Http.Reply reply = api.get("/accounts", token.value());

        assertThat(reply.header("x-ratelimit-limit")).isEqualTo("1200");
        assertThat(reply.header("x-ratelimit-remaining")).isEqualTo("1199");
    }

    @Test
    void injectedFailuresAnswer5xxForTheNextCallsOnlyAndDoNothing() {
        sandbox.switches().failNext("POST", "/accounts/*/storage/kv/namespaces", 2, 503);

        Http.Reply first = api.post(accounts("/storage/kv/namespaces"), token.value(), map("title", "a"));
        Http.Reply second = api.post(accounts("/storage/kv/namespaces"), token.value(), map("title", "a"));
        Http.Reply third = api.post(accounts("/storage/kv/namespaces"), token.value(), map("title", "a"));

        assertThat(first.status()).isEqualTo(503);
        assertThat(first.json().path("success").asBoolean()).isFalse();
        assertThat(second.status()).isEqualTo(503);
        assertThat(third.status()).isEqualTo(200);
        assertThat(api.get(accounts("/storage/kv/namespaces"), token.value())
                        .result()
                        .size())
                .isEqualTo(1);
    }

    @Test
    void rejectionsCarryTheChosenCodeAndMessageOnceAndDoNothing() {
        sandbox.switches()
                .rejectNext("POST", "/accounts/*/storage/kv/namespaces", 1, 400, 10014, "<b>namespace</b> refused");

        Http.Reply refused = api.post(accounts("/storage/kv/namespaces"), token.value(), map("title", "a"));
        Http.Reply next = api.post(accounts("/storage/kv/namespaces"), token.value(), map("title", "b"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo(10014);
        assertThat(refused.json().path("errors").path(0).path("message").asString())
                .isEqualTo("<b>namespace</b> refused");
        assertThat(next.status()).isEqualTo(200);
        assertThat(api.get(accounts("/storage/kv/namespaces"), token.value())
                        .result()
                        .size())
                .isEqualTo(1);
    }

    @Test
    void injectedD1FailureLooksLikeALostNetworkConnection() {
        sandbox.switches().failNext("POST", "/accounts/*/d1/database/*/query", 1, 500);
        String db = api.post(accounts("/d1/database"), token.value(), map("name", "db"))
                .result()
                .path("uuid")
                .asString();

        Http.Reply reply = api.post(accounts("/d1/database/" + db + "/query"), token.value(), map("sql", "SELECT 1"));

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.errorCode()).isEqualTo(7500);
        assertThat(reply.json().path("errors").path(0).path("message").asString())
                .isEqualTo("Network connection lost.");
    }

    @Test
    void lostResponseCreateIsPerformedButTheConnectionIsDropped() {
        sandbox.switches().loseResponseOfNext("POST", "/accounts/*/d1/database");

        assertThatThrownBy(() -> api.post(accounts("/d1/database"), token.value(), map("name", "orders")))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(IOException.class);

        Http.Reply list = api.get(accounts("/d1/database?name=orders"), token.value());
        assertThat(list.result().size()).isEqualTo(1);
        Http.Reply retry = api.post(accounts("/d1/database"), token.value(), map("name", "orders"));
        assertThat(retry.errorCode()).isEqualTo(7502);
    }

    @Test
    void injectedLatencyDelaysMatchingCalls() {
        sandbox.switches().latency("GET", "/accounts", Duration.ofMillis(200));

        long started = System.nanoTime();
        api.get("/accounts", token.value());
        long delayed = System.nanoTime() - started;

        assertThat(Duration.ofNanos(delayed)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        sandbox.switches().reset();
        assertThat(sandbox.switches().latencyFor("GET", "/accounts")).isZero();
    }
}

package dev.flarelink.activity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.flarelink.cloudflare.ApiToken;
import dev.flarelink.cloudflare.CloudflareApi;
import dev.flarelink.cloudflare.CloudflareClient;
import dev.flarelink.cloudflare.CloudflareClientOptions;
import dev.flarelink.support.TestPostgres;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every HTTP attempt, retries included, becomes exactly one event of the acting user, and no secret is kept. */
@SpringBootTest
class ActivityRecordingIntegrationTests {

    static final String CANARY_TOKEN = "cfut_FAKE.CanaryTokenV.alue0123456789abcdefghijklmn";
    static final String CANARY_PARAM = "canary-bound-value-7f3a";
    static final String ACCOUNT = "0123456789abcdef0123456789abcdef";
    static final String ENVELOPE = "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":%s}";

    static WireMockServer cloudflare;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry);
    }

    @BeforeAll
    static void startCloudflare() {
        cloudflare = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        cloudflare.start();
    }

    @AfterAll
    static void stopCloudflare() {
        cloudflare.stop();
    }

    @Autowired
    ActivityService activity;

    @Autowired
    JdbcClient jdbc;

    @Test
    void recordsOneEventPerAttemptWithTheActorAndNoSecret() {
        cloudflare.resetAll();
        // Two 503s, then success: three attempts for one call.
        cloudflare.stubFor(get(urlPathEqualTo("/client/v4/accounts"))
                .inScenario("flaky")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("cf-ray", "ray-1-AMS"))
                .willSetStateTo("second"));
        cloudflare.stubFor(get(urlPathEqualTo("/client/v4/accounts"))
                .inScenario("flaky")
                .whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("healthy"));
        cloudflare.stubFor(get(urlPathEqualTo("/client/v4/accounts"))
                .inScenario("flaky")
                .whenScenarioStateIs("healthy")
                .willReturn(json(200, "[]")));
        cloudflare.stubFor(post(urlPathMatching("/client/v4/accounts/.*/d1/database/.*/query"))
                .willReturn(json(
                        200,
                        "[{\"results\":[],\"success\":true,\"meta\":{\"changes\":0,\"duration\":0.1,"
                                + "\"rows_read\":0,\"rows_written\":0}}]")));
        UUID user = UUID.randomUUID();
        UUID connection = UUID.randomUUID();
        CloudflareApi api =
                client().withToken(ApiToken.of(CANARY_TOKEN), activity.listenerFor(ActivityActor.of(user, connection)));

        api.accounts().list();
        api.d1().query(ACCOUNT, "db-1", "select * from users where email = ?", List.of(CANARY_PARAM));

        int attempts = cloudflare.getAllServeEvents().size();
        assertThat(attempts).isEqualTo(4);
        assertThat(events(user)).isEqualTo(attempts);
        assertThat(jdbc.sql("select action || '/' || outcome || '/' || coalesce(status::text, '') from activity_event "
                                + "where user_id = :u order by seq")
                        .param("u", user)
                        .query(String.class)
                        .list())
                .containsExactly(
                        "accounts.list/server_error/503",
                        "accounts.list/server_error/503",
                        "accounts.list/ok/200",
                        "d1.database.query/ok/200");
        assertThat(jdbc.sql("select detail from activity_event where user_id = :u and action = 'd1.database.query'")
                        .param("u", user)
                        .query(String.class)
                        .single())
                .isEqualTo("select * from users where email = ?");
        assertThat(jdbc.sql("select count(*) from activity_event where user_id = :u and connection_id = :c")
                        .param("u", user)
                        .param("c", connection)
                        .query(Long.class)
                        .single())
                .isEqualTo(4L);
        String everything = jdbc.sql("select string_agg(a::text, '|') from activity_event a where user_id = :u")
                .param("u", user)
                .query(String.class)
                .single();
        assertThat(everything)
                .contains("ray-1-AMS")
                .doesNotContain(CANARY_TOKEN)
                .doesNotContain(CANARY_PARAM);
        for (ActivityExportFormat format : ActivityExportFormat.values()) {
            java.io.ByteArrayOutputStream export = new java.io.ByteArrayOutputStream();
            activity.export(user, ActivityFilter.none(), format, export);
            assertThat(export.toString(java.nio.charset.StandardCharsets.UTF_8))
                    .as("%s export", format)
                    .contains("ray-1-AMS")
                    .doesNotContain(CANARY_TOKEN)
                    .doesNotContain(CANARY_PARAM);
        }
        assertThat(activity.verify(user).intact()).isTrue();
    }

    private static CloudflareClient client() {
        return CloudflareClient.builder()
                .options(CloudflareClientOptions.builder()
                        .baseUrl(cloudflare.baseUrl() + "/client/v4")
                        .sleeper(duration -> {})
                        .readTimeout(Duration.ofSeconds(5))
                        .build())
                .build();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String result) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(ENVELOPE.formatted(result));
    }

    private long events(UUID user) {
        return jdbc.sql("select count(*) from activity_event where user_id = :u")
                .param("u", user)
                .query(Long.class)
                .single();
    }
}

package dev.flarelink.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flarelink.cloudflare.d1.D1QueryResult;
import dev.flarelink.cloudflare.r2.R2Cors;
import dev.flarelink.connect.Permission;
import dev.flarelink.worker.WorkerBundle;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The whole provisioning against the Cloudflare emulator, with a real PostgreSQL. */
class ProvisioningIntegrationTests extends ProvisioningTestSupport {

    @Test
    void provisionsEveryResourceWithTheRightBindingsConfigAndBundleBytes() {
        ProjectView project = createAndWait("shop", "https://shop.example.com\nhttp://localhost:3000/", "shop-files");

        assertThat(project.status()).isEqualTo("active");
        assertThat(project.run()).isNotNull();
        assertThat(project.run().status()).isEqualTo("succeeded");
        assertThat(project.run().steps())
                .allSatisfy(step -> assertThat(step.status()).isEqualTo("done"));
        assertExactlyOneOfEach("shop");
        String d1 = databases().get(0).uuid();
        String kv = namespaces().get(0).id();
        assertThat(project.d1DatabaseId()).isEqualTo(d1);
        assertThat(project.kvNamespaceId()).isEqualTo(kv);

        WorkerBundle bundle = WorkerBundle.load();
        assertThat(cf.workers().download(account.accountId(), "flarelink-shop-auth"))
                .isEqualTo(bundle.script());
        JsonNode settings = account.workerSettings("flarelink-shop-auth");
        assertThat(settings.path("compatibility_date").asString()).isEqualTo(bundle.compatibilityDate());
        Map<String, JsonNode> bindings = new java.util.HashMap<>();
        settings.path("bindings").forEach(b -> bindings.put(b.path("name").asString(), b));
        assertThat(bindings.get("DB").path("type").asString()).isEqualTo("d1");
        assertThat(bindings.get("DB").path("database_id").asString()).isEqualTo(d1);
        assertThat(bindings.get("SESSIONS").path("type").asString()).isEqualTo("kv_namespace");
        assertThat(bindings.get("SESSIONS").path("namespace_id").asString()).isEqualTo(kv);
        assertThat(cf.workers()
                        .getSubdomain(account.accountId(), "flarelink-shop-auth")
                        .enabled())
                .isTrue();
        assertThat(project.workersDevUrl())
                .isEqualTo("https://flarelink-shop-auth." + account.subdomain() + ".workers.dev");
        assertThat(project.deployedVersion()).isEqualTo(bundle.version());
        assertThat(project.upToDate()).isTrue();

        assertThat(column(d1, "SELECT name FROM d1_migrations", "name"))
                .containsExactlyElementsOf(
                        bundle.migrations().stream().map(m -> m.name()).toList());
        Map<String, String> config = config(d1);
        assertThat(config.get("BETTER_AUTH_SECRET")).matches("[0-9a-f]{64}");
        assertThat(config.get("TRUSTED_ORIGINS")).isEqualTo("https://shop.example.com,http://localhost:3000");
        assertThat(config.get("FLARELINK_PROJECT_ID")).isEqualTo(project.id().toString());

        R2Cors cors = cf.r2().getCors(account.accountId(), "shop-files");
        assertThat(cors.rules())
                .singleElement()
                .satisfies(rule -> assertThat(rule.allowed().origins())
                        .containsExactly("https://shop.example.com", "http://localhost:3000"));

        Optional<String> key = provisioning.revealServiceKey(user, project.id());
        assertThat(key).hasValueSatisfying(k -> assertThat(k).matches("flarelink_sk_[0-9a-f]{64}"));
        assertThat(config.get("SERVICE_KEY_HASH")).isEqualTo(ServiceKeys.sha256(key.get()));
        assertThat(jdbc.sql("select service_key_sha256 from project where id = :id")
                        .param("id", project.id())
                        .query(String.class)
                        .single())
                .isEqualTo(ServiceKeys.sha256(key.get()));
        assertSecretsNowhereInFlarelink(key.get(), config.get("BETTER_AUTH_SECRET"));
        assertThat(jdbc.sql("select count(*) from project_service_key_once where project_id = :id")
                        .param("id", project.id())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void showsTheServiceKeyExactlyOnce() {
        ProjectView project = createAndWait("once", "https://once.example.com", null);
        assertThat(project.serviceKeyWaiting()).isTrue();

        assertThat(provisioning.revealServiceKey(user, project.id())).isPresent();

        assertThat(provisioning.revealServiceKey(user, project.id())).isEmpty();
        assertThat(provisioning.get(user, project.id()).serviceKeyWaiting()).isFalse();
    }

    @Test
    void recordsTheRunInTheActivityLogUnderTheProject() {
        ProjectView project = createAndWait("logged", "https://logged.example.com", null);

        List<String> actions = jdbc.sql(
                        "select action from activity_event where user_id = :u and project_id = :p " + "order by seq")
                .param("u", user)
                .param("p", project.id())
                .query(String.class)
                .list();
        assertThat(actions)
                .contains("project.created", "d1.database.create", "kv.namespace.create", "workers.script.upload")
                .endsWith("project.provisioned");
    }

    @Test
    void anotherUserCannotSeeRetryDeleteOrRevealTheProject() {
        ProjectView project = createAndWait("mine", "https://mine.example.com", null);
        UUID stranger = newUser();

        assertThat(provisioning.projectsOf(stranger)).isEmpty();
        assertThatThrownBy(() -> provisioning.get(stranger, project.id())).isInstanceOf(ProjectNotFoundException.class);
        assertThatThrownBy(() -> provisioning.retry(stranger, project.id()))
                .isInstanceOf(ProjectNotFoundException.class);
        assertThatThrownBy(() -> provisioning.delete(stranger, project.id(), "mine"))
                .isInstanceOf(ProjectNotFoundException.class);
        assertThatThrownBy(() -> provisioning.revealServiceKey(stranger, project.id()))
                .isInstanceOf(ProjectNotFoundException.class);
        assertThat(provisioning.revealServiceKey(user, project.id())).isPresent();
        assertExactlyOneOfEach("mine");
    }

    @Test
    void deletesEveryResourceAfterTheNameIsTypedAndFreesTheName() {
        ProjectView project = createAndWait("gone", "https://gone.example.com", "gone-files");

        assertThatThrownBy(() -> provisioning.delete(user, project.id(), "gon"))
                .isInstanceOfSatisfying(
                        ProjectInputException.class,
                        e -> assertThat(e.fieldErrors()).containsKey("confirmName"));
        assertExactlyOneOfEach("gone");

        provisioning.delete(user, project.id(), "gone");
        ProjectView deleted = await(project.id());

        assertThat(deleted.status()).isEqualTo("deleted");
        assertThat(deleted.run().kind()).isEqualTo("teardown");
        assertThat(deleted.run().steps())
                .extracting(StepView::name, StepView::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("worker.delete", "done"),
                        org.assertj.core.groups.Tuple.tuple("kv.delete", "done"),
                        org.assertj.core.groups.Tuple.tuple("d1.delete", "done"),
                        org.assertj.core.groups.Tuple.tuple("r2.delete", "done"));
        assertNothingLeft();
        assertThat(provisioning.projectsOf(user)).isEmpty();
        assertThat(createAndWait("gone", "https://gone.example.com", null).status())
                .isEqualTo("active");
    }

    @Test
    void planListsEveryCallWithItsPermissionAndChangesNothing() {
        ProvisioningPlan plan = provisioning.plan(
                user, new CreateProjectCommand(null, "planned", "https://planned.example.com", "planned-files"));

        assertThat(plan.workerName()).isEqualTo("flarelink-planned-auth");
        assertThat(plan.calls())
                .extracting(PlannedCall::permission)
                .contains(Permission.D1, Permission.WORKERS_KV, Permission.WORKERS_R2, Permission.WORKERS_SCRIPTS);
        assertThat(plan.calls())
                .anySatisfy(call -> assertThat(call.method() + " " + call.path())
                        .isEqualTo("PUT /accounts/" + account.accountId() + "/workers/scripts/flarelink-planned-auth"));
        assertThat(provisioning.projectsOf(user)).isEmpty();
        assertNothingLeft();
    }

    @Test
    void refusesBadInputAndATakenNameWithFieldMessages() {
        assertThatThrownBy(() -> provisioning.plan(
                        user, new CreateProjectCommand(null, "Bad_Name", "app.example.com/path", "X")))
                .isInstanceOfSatisfying(
                        ProjectInputException.class,
                        e -> assertThat(e.fieldErrors()).containsOnlyKeys("name", "trustedOrigins", "r2Bucket"));
        createAndWait("taken", "https://taken.example.com", null);

        assertThatThrownBy(() -> provisioning.create(
                        user, new CreateProjectCommand(null, "taken", "https://taken.example.com", null)))
                .isInstanceOfSatisfying(
                        ProjectInputException.class,
                        e -> assertThat(e.fieldErrors()).containsOnlyKeys("name"));
    }

    private void assertSecretsNowhereInFlarelink(String serviceKey, String authSecret) {
        String everything = jdbc.sql("select coalesce(string_agg(p::text, ''), '') from project p")
                        .query(String.class)
                        .single()
                + jdbc.sql("select coalesce(string_agg(e::text, ''), '') from activity_event e")
                        .query(String.class)
                        .single()
                + jdbc.sql("select coalesce(string_agg(s::text, ''), '') from provisioning_step s")
                        .query(String.class)
                        .single()
                + jdbc.sql("select coalesce(string_agg(r::text, ''), '') from provisioning_run r")
                        .query(String.class)
                        .single();
        assertThat(everything).doesNotContain(serviceKey).doesNotContain(authSecret);
    }

    private List<String> column(String database, String sql, String column) {
        List<D1QueryResult> results = cf.d1().query(account.accountId(), database, sql);
        return results.get(0).results().stream()
                .map(row -> String.valueOf(row.get(column)))
                .toList();
    }

    private Map<String, String> config(String database) {
        List<D1QueryResult> results =
                cf.d1().query(account.accountId(), database, "SELECT key, value FROM flarelink_config");
        return results.get(0).results().stream()
                .collect(Collectors.toMap(r -> String.valueOf(r.get("key")), r -> String.valueOf(r.get("value"))));
    }
}

package dev.flarelink.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flarelink.cloudflare.d1.D1QueryResult;
import dev.flarelink.worker.WorkerBundle;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Redeploy, the trusted-origins editor and service key rotation on a live project. */
class ProjectChangesIntegrationTests extends ProvisioningTestSupport {

    @Test
    void redeployUpgradesAnOldWorkerAndKeepsTheConfiguration() {
        ProjectView project = createAndWait("old", "https://old.example.com", null);
        String secretBefore = config(project.d1DatabaseId()).get("BETTER_AUTH_SECRET");
        cf.workers().delete(account.accountId(), "flarelink-old-auth"); // as if an older script were deployed
        jdbc.sql("update project set deployed_version = '0.0.1' where id = :id")
                .param("id", project.id())
                .update();
        assertThat(provisioning.get(user, project.id()).upToDate()).isFalse();

        provisioning.redeploy(user, project.id());
        ProjectView redeployed = await(project.id());

        assertThat(redeployed.run().kind()).isEqualTo("redeploy");
        assertThat(redeployed.run().status()).isEqualTo("succeeded");
        assertThat(redeployed.status()).isEqualTo("active");
        assertThat(redeployed.upToDate()).isTrue();
        assertThat(cf.workers().download(account.accountId(), "flarelink-old-auth"))
                .isEqualTo(WorkerBundle.load().script());
        assertThat(config(project.d1DatabaseId()).get("BETTER_AUTH_SECRET")).isEqualTo(secretBefore);
        assertExactlyOneOfEach("old");
    }

    @Test
    void aRedeployCreatedBeforeTheConfigBackfillStepExistedRunsWithoutIt() {
        ProjectView project = createAndWait("earlier", "https://earlier.example.com", null);
        UUID runId = UUID.randomUUID();
        // The steps a redeploy had before config.backfill: a run left failed then is retried after the upgrade.
        List<String> before = List.of("d1.migrate", "worker.upload", "workers.subdomain", "worker.enable");
        runs.insertRun(runId, project.id(), "redeploy", before, Instant.now());

        scheduler.start(runId, project.id());
        ProjectView redeployed = await(project.id());

        assertThat(redeployed.run().status()).isEqualTo("succeeded");
        assertThat(redeployed.run().steps()).extracting(StepView::name).containsExactlyElementsOf(before);
        assertThat(redeployed.run().steps()).extracting(StepView::status).containsOnly("done");
    }

    @Test
    void changesTrustedOriginsInTheWorkerConfigAndTheBucketCors() {
        ProjectView project = createAndWait("origins", "https://a.example.com", "origins-files");

        provisioning.changeTrustedOrigins(user, project.id(), "https://b.example.com\nhttp://localhost:8080");

        assertThat(config(project.d1DatabaseId()).get("TRUSTED_ORIGINS"))
                .isEqualTo("https://b.example.com,http://localhost:8080");
        assertThat(cf.r2().getCors(account.accountId(), "origins-files").rules())
                .singleElement()
                .satisfies(rule -> assertThat(rule.allowed().origins())
                        .containsExactly("https://b.example.com", "http://localhost:8080"));
        assertThat(provisioning.get(user, project.id()).trustedOrigins())
                .containsExactly("https://b.example.com", "http://localhost:8080");
        assertThatThrownBy(() -> provisioning.changeTrustedOrigins(user, project.id(), "b.example.com"))
                .isInstanceOf(ProjectInputException.class);
        assertThat(config(project.d1DatabaseId()).get("TRUSTED_ORIGINS"))
                .isEqualTo("https://b.example.com,http://localhost:8080");
    }

    @Test
    void rotatingTheServiceKeyWritesOnlyTheNewHashAndForgetsAnUnshownKey() {
        ProjectView project = createAndWait("rotate", "https://rotate.example.com", null);

        String key = provisioning.rotateServiceKey(user, project.id()).key();

        assertThat(key).matches("flarelink_sk_[0-9a-f]{64}");
        assertThat(config(project.d1DatabaseId()).get("SERVICE_KEY_HASH")).isEqualTo(ServiceKeys.sha256(key));
        assertThat(provisioning.revealServiceKey(user, project.id())).isEmpty();
        assertThat(provisioning.rotateServiceKey(user, project.id()).key()).isNotEqualTo(key);
        UUID stranger = newUser();
        assertThatThrownBy(() -> provisioning.rotateServiceKey(stranger, project.id()))
                .isInstanceOf(ProjectNotFoundException.class);
        assertThatThrownBy(() -> provisioning.redeploy(stranger, project.id()))
                .isInstanceOf(ProjectNotFoundException.class);
        assertThatThrownBy(() -> provisioning.changeTrustedOrigins(stranger, project.id(), "https://x.example.com"))
                .isInstanceOf(ProjectNotFoundException.class);
    }

    @Test
    void attachesAndDetachesACustomDomainExplainingConflicts() {
        sandbox.createZone(account.accountId(), "shop-domain.com", "www.shop-domain.com");
        ProjectView project = createAndWait("domain", "https://shop-domain.com", null);

        assertThatThrownBy(() -> provisioning.attachDomain(user, project.id(), "auth.elsewhere.test", false))
                .isInstanceOfSatisfying(
                        ProjectInputException.class,
                        e -> assertThat(e.fieldErrors().get("hostname")).contains("No zone"));
        assertThatThrownBy(() -> provisioning.attachDomain(user, project.id(), "https://auth.shop-domain.com", false))
                .isInstanceOf(ProjectInputException.class);
        assertThatThrownBy(() -> provisioning.attachDomain(user, project.id(), "www.shop-domain.com", false))
                .isInstanceOfSatisfying(
                        ProjectInputException.class,
                        e -> assertThat(e.fieldErrors().get("hostname"))
                                .contains("already has DNS records", "Take it over"));
        assertThat(cf.workers().listDomains(account.accountId(), null)).isEmpty();

        provisioning.attachDomain(user, project.id(), "Auth.Shop-Domain.com", false);

        assertThat(provisioning.get(user, project.id()).customDomain()).isEqualTo("auth.shop-domain.com");
        assertThat(cf.workers().listDomains(account.accountId(), "flarelink-domain-auth"))
                .extracting(d -> d.hostname())
                .containsExactly("auth.shop-domain.com");
        assertThatThrownBy(() -> provisioning.attachDomain(user, project.id(), "www.shop-domain.com", true))
                .isInstanceOf(ProjectStateException.class);

        provisioning.detachDomain(user, project.id());
        provisioning.attachDomain(user, project.id(), "www.shop-domain.com", true);

        assertThat(cf.workers().listDomains(account.accountId(), null))
                .extracting(d -> d.hostname())
                .containsExactly("www.shop-domain.com");
        provisioning.detachDomain(user, project.id());
        assertThat(cf.workers().listDomains(account.accountId(), null)).isEmpty();
        assertThat(provisioning.get(user, project.id()).customDomain()).isNull();
    }

    private Map<String, String> config(String database) {
        List<D1QueryResult> results =
                cf.d1().query(account.accountId(), database, "SELECT key, value FROM flarelink_config");
        return results.get(0).results().stream()
                .collect(Collectors.toMap(r -> String.valueOf(r.get("key")), r -> String.valueOf(r.get("value"))));
    }
}

package dev.flarelink.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.cloudflare.sandbox.SandboxPermission;
import dev.flarelink.cloudflare.sandbox.SandboxToken;
import dev.flarelink.provisioning.ProjectView;
import dev.flarelink.provisioning.ProvisioningTestSupport;
import dev.flarelink.provisioning.StepView;
import dev.flarelink.worker.WorkerBundle;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Redeploy writes R2_BUCKETS for an R2 key stored before Flarelink wrote that row (auth Worker 0.6.0 answers its
 * buckets route from it), against the emulator's API and S3 endpoint and a real PostgreSQL. "Stored before" is
 * simulated by deleting the row the key was stored with.
 */
class R2BucketsBackfillIntegrationTests extends ProvisioningTestSupport {

    @Autowired
    R2KeyService keys;

    @Autowired
    ProjectFilesService projectFiles;

    @Autowired
    BucketService buckets;

    ProjectView project;

    @BeforeEach
    void projectWithItsBucket() {
        project = createAndWait("shop", "https://app.example.com", "shop-files");
    }

    @Test
    void aMintedKeyGetsItsBucketsBackAndASecondRedeployChangesNothing() {
        MintedKey minted = keys.mint(user, connectionId, "shop-files");
        deleteBucketsRow();

        ProjectView redeployed = redeploy();

        assertThat(redeployed.run().status()).isEqualTo("succeeded");
        assertThat(backfillStep(redeployed))
                .satisfies(step -> assertThat(step.status()).isEqualTo("done"))
                .satisfies(step -> assertThat(step.remoteId()).isEqualTo("shop-files"));
        String created = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                .withZone(ZoneOffset.UTC)
                .format(cf.r2().getBucket(account.accountId(), "shop-files").creationDate());
        assertThat(reachedBuckets()).containsExactly(Map.of("name", "shop-files", "createdAt", created));
        assertThat(projectConfig(project.d1DatabaseId()))
                .containsEntry("R2_ACCESS_KEY_ID", minted.keypair().accessKeyId());
        assertThat(actions("config.r2_buckets_written")).containsExactly("ok");
        assertThat(activityDetails()).doesNotContain(minted.keypair().secretAccessKey());

        String written = projectConfig(project.d1DatabaseId()).get("R2_BUCKETS");
        ProjectView again = redeploy();

        assertThat(again.run().status()).isEqualTo("succeeded");
        assertThat(backfillStep(again))
                .satisfies(step -> assertThat(step.status()).isEqualTo("done"))
                .satisfies(step -> assertThat(step.remoteId()).isNull());
        assertThat(projectConfig(project.d1DatabaseId())).containsEntry("R2_BUCKETS", written);
        assertThat(actions("config.r2_buckets_written")).containsExactly("ok");
    }

    @Test
    void aPastedAccountWideKeyStaysWithoutTheRow() {
        SandboxToken wide = sandbox.createToken(account.accountId(), Set.of(SandboxPermission.WORKERS_R2_STORAGE_EDIT));
        assertThat(keys.test(user, pasted(wide)).storedIn()).isNotNull();

        ProjectView redeployed = redeploy();

        assertThat(redeployed.run().status()).isEqualTo("succeeded");
        assertThat(backfillStep(redeployed).status()).isEqualTo("done");
        assertThat(projectConfig(project.d1DatabaseId()))
                .containsEntry("R2_ACCESS_KEY_ID", wide.r2AccessKeyId())
                .as("a key that may list the account's buckets: the Worker asks R2")
                .doesNotContainKey("R2_BUCKETS");
        assertThat(actions("config.r2_buckets_written")).isEmpty();
    }

    @Test
    void aPastedScopedKeyGetsTheProjectsBucketsItCanList() {
        buckets.create(user, new CreateBucketCommand(connectionId, "shop-extra", null));
        projectFiles.attach(user, connectionId, "shop-extra", project.id());
        MintedKey minted = keys.mint(user, connectionId, "shop-files");
        // Without its record the key is one Flarelink did not mint: a pasted key, scoped to shop-files.
        jdbc.sql("delete from r2_key where token_id = :token")
                .param("token", minted.keypair().accessKeyId())
                .update();
        deleteBucketsRow();

        ProjectView redeployed = redeploy();

        assertThat(backfillStep(redeployed).remoteId()).isEqualTo("shop-files");
        assertThat(reachedBuckets()).extracting(b -> b.get("name")).containsExactly("shop-files");
    }

    @Test
    void aBackfillThatFailsLeavesTheRedeploySucceededWithANoteSayingWhatToDo() {
        SandboxToken pastedKey =
                sandbox.createToken(account.accountId(), Set.of(SandboxPermission.WORKERS_R2_STORAGE_EDIT));
        assertThat(keys.test(user, pasted(pastedKey)).storedIn()).isNotNull();
        sandbox.revokeToken(pastedKey.id()); // R2 no longer knows the key, so what it reaches cannot be found out

        ProjectView redeployed = redeploy();

        assertThat(redeployed.run().status()).isEqualTo("succeeded");
        assertThat(redeployed.status()).isEqualTo("active");
        assertThat(redeployed.upToDate()).isTrue();
        assertThat(cf.workers().download(account.accountId(), "flarelink-shop-auth"))
                .isEqualTo(WorkerBundle.load().script());
        assertThat(backfillStep(redeployed))
                .satisfies(step -> assertThat(step.status()).isEqualTo("skipped"))
                .satisfies(step -> assertThat(step.error())
                        .contains("R2_BUCKETS could not be written")
                        .contains("Regenerate the project's R2 key on the Files page")
                        .doesNotContain(pastedKey.r2SecretAccessKey()));
        assertThat(projectConfig(project.d1DatabaseId())).doesNotContainKey("R2_BUCKETS");
        assertThat(actions("config.r2_buckets_written")).containsExactly("failed");
        assertThat(activityDetails()).doesNotContain(pastedKey.r2SecretAccessKey());
    }

    private ProjectView redeploy() {
        provisioning.redeploy(user, project.id());
        ProjectView redeployed = await(project.id());
        assertThat(redeployed.run().kind()).isEqualTo("redeploy");
        return redeployed;
    }

    private static StepView backfillStep(ProjectView view) {
        return view.run().steps().stream()
                .filter(s -> s.name().equals("config.backfill"))
                .findFirst()
                .orElseThrow();
    }

    /** As the project's key would look had it been stored before Flarelink wrote R2_BUCKETS. */
    private void deleteBucketsRow() {
        assertThat(projectConfig(project.d1DatabaseId())).containsKey("R2_BUCKETS");
        cf.d1()
                .query(
                        account.accountId(),
                        project.d1DatabaseId(),
                        "DELETE FROM flarelink_config WHERE key = " + "'R2_BUCKETS'");
        assertThat(projectConfig(project.d1DatabaseId())).doesNotContainKey("R2_BUCKETS");
    }

    private List<Map<String, String>> reachedBuckets() {
        String value = projectConfig(project.d1DatabaseId()).get("R2_BUCKETS");
        assertThat(value).as("R2_BUCKETS is written").isNotNull();
        return JsonMapper.shared().readValue(value, new TypeReference<List<Map<String, String>>>() {});
    }

    private PastedKeyCommand pasted(SandboxToken r2) {
        return new PastedKeyCommand(connectionId, "shop-files", r2.r2AccessKeyId(), r2.r2SecretAccessKey());
    }

    /** The outcomes of the user's actions with this name, oldest first. */
    private List<String> actions(String action) {
        return jdbc.sql("select outcome from activity_event where user_id = :u and kind = 'action' and action = :a "
                        + "order by seq")
                .param("u", user)
                .param("a", action)
                .query(String.class)
                .list();
    }

    private String activityDetails() {
        return String.join(
                "\n",
                jdbc.sql("select coalesce(detail, '') || ' ' || coalesce(resource_ids, '') from activity_event "
                                + "where user_id = :u")
                        .param("u", user)
                        .query(String.class)
                        .list());
    }
}

package dev.flarelink.files;

import dev.flarelink.activity.ActivityEntry;
import dev.flarelink.activity.ActivityService;
import dev.flarelink.cloudflare.errors.CloudflareException;
import dev.flarelink.connect.ConnectedAccount;
import dev.flarelink.connect.ConnectionRevokedException;
import dev.flarelink.provisioning.ConfigBackfill;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * Writes {@code R2_BUCKETS} during a Redeploy for a keypair stored before Flarelink wrote that row (auth Worker 0.6.0
 * answers {@code GET /api/storage/buckets} from it, since R2 refuses ListBuckets to a bucket-scoped key). A key
 * Flarelink minted gets the buckets it was minted for; a pasted key is probed like the Files page's key test: if it
 * may list the account's buckets the row stays unset, otherwise it names the project's buckets the key can list.
 * The secret is read from the project's D1 for the signed probes only; it is never logged or put in a message.
 */
@Component
class R2BucketsBackfill implements ConfigBackfill {

    static final String WHAT_TO_DO = "Regenerate the project's R2 key on the Files page (or paste it again): that "
            + "writes R2_BUCKETS. Until then the Worker's GET /api/storage/buckets answers 403 "
            + "R2_KEY_CANNOT_LIST_BUCKETS for a key scoped to buckets.";
    /** {@code activity_event.resource_ids} is varchar(1000). */
    private static final int MAX_RESOURCE_IDS = 1000;

    private static final Logger log = LoggerFactory.getLogger(R2BucketsBackfill.class);

    private final ProjectBucketRepository projects;
    private final ProjectKeyConfig config;
    private final R2KeyRepository keys;
    private final KeyProbe probe;
    private final R2Endpoint endpoint;
    private final ActivityService activity;

    R2BucketsBackfill(
            ProjectBucketRepository projects,
            ProjectKeyConfig config,
            R2KeyRepository keys,
            KeyProbe probe,
            R2Endpoint endpoint,
            ActivityService activity) {
        this.projects = projects;
        this.config = config;
        this.keys = keys;
        this.probe = probe;
        this.endpoint = endpoint;
        this.activity = activity;
    }

    @Override
    public Result backfill(ConnectedAccount account, UUID userId, UUID projectId) {
        Optional<ProjectLink> found =
                projects.project(userId, account.connectionId(), projectId).filter(p -> p.d1DatabaseId() != null);
        if (found.isEmpty()) {
            return Result.nothingToDo();
        }
        ProjectLink project = found.get();
        try {
            return backfill(account, userId, project);
        } catch (DataAccessException | TransactionException ownDatabase) {
            throw ownDatabase;
        } catch (RuntimeException failed) {
            // Cloudflare's, S3's or the probe's messages; none carries the secret (S3Keypair redacts it, too).
            log.warn("R2_BUCKETS backfill of project {} failed: {}", project.id(), failed.toString());
            return notDone(userId, account, project, "R2_BUCKETS could not be written: " + why(failed));
        }
    }

    private Result backfill(ConnectedAccount account, UUID userId, ProjectLink project) {
        Optional<S3Keypair> stored = config.readWithoutBuckets(account, project);
        if (stored.isEmpty()) {
            return Result.nothingToDo();
        }
        S3Keypair keypair = stored.get();
        Optional<List<String>> reached = minted(userId, account.connectionId(), keypair.accessKeyId())
                .map(R2KeyRecord::buckets)
                .or(() -> probed(account, project, keypair));
        if (reached.isEmpty()) {
            return Result.nothingToDo(); // a pasted key that may list the account's buckets: the Worker lists them
        }
        List<String> buckets = reached.get();
        if (buckets.isEmpty()) {
            return notDone(
                    userId,
                    account,
                    project,
                    "The project's R2 key (access key id " + keypair.accessKeyId() + ") can list none of the "
                            + "project's buckets, so R2_BUCKETS was not written.");
        }
        if (!config.addBuckets(
                account, project, keypair.accessKeyId(), ProjectFilesService.reached(account, buckets))) {
            return Result.nothingToDo(); // the key was replaced, or the row written, meanwhile
        }
        String names = String.join(", ", buckets);
        ActivityEntry written = ActivityEntry.action(
                userId,
                "config.r2_buckets_written",
                account.connectionId(),
                project.id(),
                "ok",
                "R2_BUCKETS (" + names + ") written to " + project.name() + "'s flarelink_config for R2 access key "
                        + "id " + keypair.accessKeyId() + ", stored before Flarelink wrote it");
        String ids = buckets.stream().map(b -> "bucket_name=" + b).collect(Collectors.joining(","));
        // activity_event.resource_ids holds 1,000 characters; past that the detail still names every bucket.
        activity.recordAction(ids.length() <= MAX_RESOURCE_IDS ? written.withResources(ids) : written);
        return Result.wrote(names);
    }

    /** The record of the key when Flarelink minted it (for this user and connection). */
    private Optional<R2KeyRecord> minted(UUID userId, UUID connectionId, String accessKeyId) {
        return keys.of(userId, connectionId).stream()
                .filter(k -> k.tokenId().equals(accessKeyId))
                .findFirst();
    }

    /**
     * A pasted key: empty when it may list the account's buckets, otherwise the project's buckets it can list. A
     * key R2 does not know (deleted, or a wrong secret) is a problem the caller turns into a note.
     */
    private Optional<List<String>> probed(ConnectedAccount account, ProjectLink project, S3Keypair keypair) {
        URI root = endpoint.forAccount(account.accountId());
        if (probe.canListBuckets(root, keypair)) {
            return Optional.empty();
        }
        return Optional.of(projects.bucketsOf(project.id()).stream()
                .filter(bucket -> probe.canList(root, bucket, keypair))
                .toList());
    }

    private Result notDone(UUID userId, ConnectedAccount account, ProjectLink project, String what) {
        String note = what + " The redeploy goes on without it. " + WHAT_TO_DO;
        activity.recordAction(ActivityEntry.action(
                userId, "config.r2_buckets_written", account.connectionId(), project.id(), "failed", note));
        return Result.notDone(note);
    }

    /** In words the page can show: the probe's and the S3 transport's messages are; Cloudflare's are translated. */
    private static String why(RuntimeException failed) {
        if (failed instanceof CloudflareException cloudflare) {
            return CloudflareProblems.explain(cloudflare);
        }
        if (failed instanceof FilesProblemException
                || failed instanceof S3UnreachableException
                || failed instanceof ConnectionRevokedException) {
            return String.valueOf(failed.getMessage());
        }
        return "an unexpected " + failed.getClass().getSimpleName() + " stopped it; the server log has the details.";
    }
}

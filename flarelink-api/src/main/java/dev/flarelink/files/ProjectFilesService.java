package dev.flarelink.files;

import dev.flarelink.activity.ActivityEntry;
import dev.flarelink.activity.ActivityService;
import dev.flarelink.cloudflare.errors.CloudflareException;
import dev.flarelink.cloudflare.errors.NotFoundException;
import dev.flarelink.connect.ConnectedAccount;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.provisioning.ReloadOutcome;
import dev.flarelink.provisioning.ReloadTicket;
import dev.flarelink.provisioning.WorkerReloader;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Buckets and projects: attaches a bucket to a project, and keeps the project's R2 keypair in its
 * {@code flarelink_config} when a key for one of its buckets is minted, pasted, regenerated or revoked. Each write
 * carries a reload ticket and is followed by a reload ping, so the auth Worker uses the new key at once (or within its
 * 60 s configuration cache when the ping does not get through).
 */
@Service
public class ProjectFilesService {

    private final ConnectionService connections;
    private final ActivityService activity;
    private final ProjectBucketRepository projects;
    private final ProjectKeyConfig config;
    private final R2KeyRepository keys;
    private final Clock clock;
    private final WorkerReloader reloader;

    ProjectFilesService(
            ConnectionService connections,
            ActivityService activity,
            ProjectBucketRepository projects,
            ProjectKeyConfig config,
            R2KeyRepository keys,
            Clock clock,
            WorkerReloader reloader) {
        this.connections = connections;
        this.activity = activity;
        this.projects = projects;
        this.config = config;
        this.keys = keys;
        this.clock = clock;
        this.reloader = reloader;
    }

    /** The user's live projects on this connection, to attach a bucket to. */
    public List<ProjectLink> projectsOf(UUID userId, UUID connectionId) {
        connections.get(userId, connectionId);
        return projects.projectsOf(userId, connectionId);
    }

    /** The project the bucket belongs to, if any. */
    public Optional<ProjectLink> projectOf(UUID userId, UUID connectionId, String bucket) {
        return projects.forBucket(userId, connectionId, bucket);
    }

    /** Attaches an existing bucket of the connection's account to one of the user's projects on it. */
    public ProjectLink attach(UUID userId, UUID connectionId, String bucket, UUID projectId) {
        BucketName.existing(bucket);
        ProjectLink project = projects.project(userId, connectionId, projectId)
                .orElseThrow(() -> ProjectNotAttachableException.forId(projectId));
        ConnectedAccount account = connections.open(userId, connectionId, projectId);
        try {
            account.call(api -> api.r2().getBucket(account.accountId(), bucket));
        } catch (NotFoundException missing) {
            throw BucketNotFoundException.named(bucket);
        }
        projects.attach(projectId, bucket, clock.instant());
        activity.recordAction(ActivityEntry.action(
                        userId,
                        "bucket.attached",
                        connectionId,
                        projectId,
                        "ok",
                        bucket + " attached to " + project.name())
                .withResources("bucket_name=" + bucket));
        return project;
    }

    /** Whether the bucket can be detached from its project: it was attached, not created by the provisioning. */
    public boolean detachable(UUID userId, UUID connectionId, String bucket) {
        return projects.forBucket(userId, connectionId, bucket)
                .map(p -> projects.attached(p.id(), bucket))
                .orElse(false);
    }

    /**
     * What detaching the bucket from the project would do to the project's configuration, for the confirmation page.
     * Reads the project's flarelink_config; changes nothing.
     */
    public DetachPreview previewDetach(UUID userId, UUID connectionId, String bucket, UUID projectId) {
        ProjectLink project = attachedProject(userId, connectionId, bucket, projectId);
        ConnectedAccount account = connections.open(userId, connectionId, projectId);
        Optional<S3Keypair> current = config.read(account, project);
        String keyId = current.map(S3Keypair::accessKeyId).orElse(null);
        boolean removed = current.isPresent() && mintedForBucket(userId, connectionId, bucket, keyId);
        return new DetachPreview(project, keyId, removed);
    }

    /**
     * Detaches an attached bucket from the project: forgets the attachment (table project_bucket) and, when the
     * project's flarelink_config holds a key Flarelink minted for this bucket, removes that key from it (the key
     * reaches only this bucket, and once the bucket is no longer the project's, revoking the key could not clear it
     * any more). The bucket, its objects and the key's Cloudflare token are left as they are.
     */
    public DetachPreview detach(UUID userId, UUID connectionId, String bucket, UUID projectId) {
        DetachPreview preview = previewDetach(userId, connectionId, bucket, projectId);
        ProjectLink project = preview.project();
        if (preview.keyRemoved() && preview.configuredKeyId() != null) {
            ConnectedAccount account = connections.open(userId, connectionId, projectId);
            ReloadTicket ticket = reloader.issue();
            if (config.clearIfCurrent(account, project, preview.configuredKeyId(), ticket)) {
                activity.recordAction(ActivityEntry.action(
                        userId,
                        "config.r2_key_cleared",
                        connectionId,
                        project.id(),
                        "ok",
                        "R2 access key id " + preview.configuredKeyId() + " removed from " + project.name()
                                + "'s flarelink_config (its bucket " + bucket + " was detached)"));
                reload(userId, account, project, ticket);
            }
        }
        projects.detach(project.id(), bucket);
        activity.recordAction(ActivityEntry.action(
                        userId,
                        "bucket.detached",
                        connectionId,
                        project.id(),
                        "ok",
                        bucket + " detached from " + project.name())
                .withResources("bucket_name=" + bucket));
        return preview;
    }

    /** The user's project, which must hold the bucket as an attachment; another user's project answers 404. */
    private ProjectLink attachedProject(UUID userId, UUID connectionId, String bucket, UUID projectId) {
        BucketName.existing(bucket);
        connections.get(userId, connectionId);
        ProjectLink project = projects.project(userId, connectionId, projectId)
                .orElseThrow(() -> ProjectNotAttachableException.forId(projectId));
        if (!projects.attached(projectId, bucket)) {
            boolean own = projects.forBucket(userId, connectionId, bucket)
                    .map(p -> p.id().equals(projectId))
                    .orElse(false);
            throw new FilesProblemException(
                    "project",
                    own
                            ? bucket + " was created with project " + project.name() + " by its provisioning and "
                                    + "stays with it; only buckets attached on this page can be detached."
                            : bucket + " is not attached to project " + project.name() + ".");
        }
        return project;
    }

    /** Whether the access key id is a key Flarelink minted for this bucket (and not revoked). */
    private boolean mintedForBucket(UUID userId, UUID connectionId, String bucket, String accessKeyId) {
        return keys.of(userId, connectionId).stream()
                .anyMatch(k -> k.tokenId().equals(accessKeyId)
                        && k.revokedAt() == null
                        && k.buckets().contains(bucket));
    }

    /** The keypair the bucket's project uses (from its flarelink_config); a problem when there is none. */
    S3Keypair keypairFor(UUID userId, ConnectedAccount account, String bucket) {
        ProjectLink project = projects.forBucket(userId, account.connectionId(), bucket)
                .orElseThrow(() -> new FilesProblemException(
                        "browser", "Attach this bucket to a project first: the file browser signs with its key."));
        return config.read(account, project)
                .orElseThrow(() -> new FilesProblemException(
                        "browser",
                        "Project " + project.name() + " has no R2 key yet: create one below (or paste one), and "
                                + "it is written into the project's configuration."));
    }

    /**
     * Writes the keypair, with the buckets it reaches ({@code reaches}; empty for a key that may list the account's
     * buckets), into the configuration of the project the bucket belongs to and asks its Worker to reload; empty when
     * the bucket belongs to no project.
     */
    Optional<StoredKey> store(
            UUID userId, ConnectedAccount account, String bucket, S3Keypair keypair, List<String> reaches) {
        return projects.forBucket(userId, account.connectionId(), bucket).map(p -> {
            ReloadTicket ticket = reloader.issue();
            config.write(account, p, keypair, reached(account, reaches), ticket);
            activity.recordAction(ActivityEntry.action(
                    userId,
                    "config.r2_key_written",
                    account.connectionId(),
                    p.id(),
                    "ok",
                    "R2 access key id " + keypair.accessKeyId() + " written to " + p.name() + "'s flarelink_config"));
            return new StoredKey(p.name(), reload(userId, account, p, ticket));
        });
    }

    /**
     * The buckets with their creation dates from the REST API, which S3 answers only to ListBuckets (refused to a
     * bucket-scoped key); a date Cloudflare does not give is left unknown rather than failing the key's storing.
     */
    static List<ReachedBucket> reached(ConnectedAccount account, List<String> buckets) {
        return buckets.stream()
                .distinct()
                .map(name -> {
                    try {
                        return new ReachedBucket(
                                name,
                                account.call(api -> api.r2().getBucket(account.accountId(), name))
                                        .creationDate());
                    } catch (CloudflareException unknown) {
                        return new ReachedBucket(name, null);
                    }
                })
                .toList();
    }

    /** Clears the keypair rows of the buckets' projects that still hold this access key id. */
    void forget(UUID userId, ConnectedAccount account, List<String> buckets, String accessKeyId) {
        buckets.stream()
                .map(bucket -> projects.forBucket(userId, account.connectionId(), bucket))
                .flatMap(Optional::stream)
                .distinct()
                .forEach(p -> {
                    ReloadTicket ticket = reloader.issue();
                    if (config.clearIfCurrent(account, p, accessKeyId, ticket)) {
                        activity.recordAction(ActivityEntry.action(
                                userId,
                                "config.r2_key_cleared",
                                account.connectionId(),
                                p.id(),
                                "ok",
                                "R2 access key id " + accessKeyId + " removed from " + p.name()
                                        + "'s flarelink_config"));
                        reload(userId, account, p, ticket);
                    }
                });
    }

    private ReloadOutcome reload(UUID userId, ConnectedAccount account, ProjectLink project, ReloadTicket ticket) {
        return reloader.ping(userId, account.connectionId(), project.id(), project.workersDevUrl(), ticket);
    }
}

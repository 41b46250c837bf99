package dev.flarelink.files;

import dev.flarelink.activity.ActivityService;
import dev.flarelink.cloudflare.CloudflareApi;
import dev.flarelink.cloudflare.errors.CloudflareException;
import dev.flarelink.cloudflare.errors.NotFoundException;
import dev.flarelink.cloudflare.tokens.CreatedToken;
import dev.flarelink.cloudflare.tokens.Token;
import dev.flarelink.cloudflare.tokens.TokenCreateParams;
import dev.flarelink.cloudflare.tokens.TokenPolicy;
import dev.flarelink.connect.ConnectedAccount;
import dev.flarelink.connect.ConnectionService;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * R2 keys: mints bucket-scoped Cloudflare user tokens and derives their S3 keypair (shown once, never stored),
 * regenerates (mint, then revoke the old), revokes, lists with their state in Cloudflare, and tests pasted keypairs.
 */
@Service
public class R2KeyService {

    static final String NO_API_TOKENS_EDIT = "One-click keys need the API Tokens: Edit permission, which this "
            + "connection's token does not have. Either add User → API Tokens: Edit to the token in Cloudflare and "
            + "reconnect, or create a key yourself in Cloudflare under R2 → Manage R2 API Tokens (Object Read & "
            + "Write, this bucket only) and paste it below.";

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final Pattern ACCESS_KEY = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern SECRET = Pattern.compile("[0-9a-fA-F]{64}");

    private final ConnectionService connections;
    private final ActivityService activity;
    private final R2KeyRepository keys;
    private final R2Endpoint endpoint;
    private final KeyProbe probe;
    private final ProjectFilesService projects;
    private final Clock clock;
    private final BucketScopes scopes;

    R2KeyService(
            ConnectionService connections,
            ActivityService activity,
            R2KeyRepository keys,
            R2Endpoint endpoint,
            KeyProbe probe,
            ProjectFilesService projects,
            Clock clock,
            BucketScopes scopes) {
        this.scopes = scopes;
        this.connections = connections;
        this.activity = activity;
        this.keys = keys;
        this.endpoint = endpoint;
        this.probe = probe;
        this.projects = projects;
        this.clock = clock;
    }

    /** Why the mint button is disabled, and how to create a key in Cloudflare instead. */
    public static String noApiTokensEdit() {
        return NO_API_TOKENS_EDIT;
    }

    /** Whether this connection can mint keys (its token had API Tokens: Edit when probed). */
    public boolean canMint(UUID userId, UUID connectionId) {
        return connections.get(userId, connectionId).receipt().oneClickR2Keys();
    }

    /** The connection's keys, newest first, each with whether its token still exists in Cloudflare. */
    public List<R2KeyView> keysOf(UUID userId, UUID connectionId) {
        List<R2KeyRecord> records = keys.of(userId, connectionId);
        if (records.isEmpty()) {
            return List.of();
        }
        ConnectedAccount account = connections.open(userId, connectionId, null);
        return records.stream().map(key -> view(key, state(account, key))).toList();
    }

    /** Mints a token for object read and write on the bucket only and returns its keypair, once. */
    public MintedKey mint(UUID userId, UUID connectionId, String bucket) {
        BucketName.existing(bucket);
        if (!canMint(userId, connectionId)) {
            throw new FilesProblemException("mint", NO_API_TOKENS_EDIT);
        }
        ConnectedAccount account = scopes.open(userId, connectionId, bucket);
        try {
            account.call(api -> api.r2().getBucket(account.accountId(), bucket));
        } catch (NotFoundException missing) {
            throw BucketNotFoundException.named(bucket);
        }
        return mintFor(userId, account, List.of(bucket), "");
    }

    /**
     * Mints a replacement for the same buckets, writes it into their project's configuration, then revokes the old
     * token in Cloudflare.
     */
    public MintedKey regenerate(UUID userId, UUID connectionId, UUID keyId) {
        R2KeyRecord old = active(userId, connectionId, keyId);
        if (!canMint(userId, connectionId)) {
            throw new FilesProblemException("mint", NO_API_TOKENS_EDIT);
        }
        ConnectedAccount account =
                scopes.open(userId, connectionId, old.buckets().get(0));
        MintedKey minted = mintFor(userId, account, old.buckets(), "; replaces " + old.name());
        revokeToken(userId, account, old, "replaced by " + minted.key().name());
        projects.forget(userId, account, old.buckets(), old.tokenId());
        return minted;
    }

    /** Deletes the key's token in Cloudflare (it stops working at once) and clears it from project configs. */
    public void revoke(UUID userId, UUID connectionId, UUID keyId) {
        R2KeyRecord key = active(userId, connectionId, keyId);
        ConnectedAccount account =
                scopes.open(userId, connectionId, key.buckets().get(0));
        revokeToken(userId, account, key, "revoked");
        projects.forget(userId, account, key.buckets(), key.tokenId());
    }

    /**
     * Tests a pasted keypair against the bucket; when it can list and write, and the bucket belongs to a project,
     * it is written into that project's configuration (never into Flarelink's database).
     */
    public KeyCapabilities test(UUID userId, PastedKeyCommand command) {
        String accessKeyId =
                command.accessKeyId() == null ? "" : command.accessKeyId().strip();
        String secret = command.secretAccessKey() == null
                ? ""
                : command.secretAccessKey().strip();
        if (!ACCESS_KEY.matcher(accessKeyId).matches()) {
            throw new FilesProblemException(
                    "accessKeyId",
                    "An R2 Access Key ID has exactly 32 hexadecimal characters " + "(0–9, a–f); this one has "
                            + accessKeyId.length() + " characters or others.");
        }
        if (!SECRET.matcher(secret).matches()) {
            throw new FilesProblemException(
                    "secretAccessKey",
                    "An R2 Secret Access Key has exactly 64 hexadecimal "
                            + "characters (0–9, a–f). Paste the Secret Access Key, not the token value.");
        }
        String bucket = BucketName.existing(command.bucket());
        ConnectedAccount account = connections.open(userId, command.connectionId(), null);
        S3Keypair keypair = new S3Keypair(accessKeyId, secret);
        var root = endpoint.forAccount(account.accountId());
        boolean canList = probe.canList(root, bucket, keypair);
        boolean canWrite = probe.canWrite(root, bucket, keypair);
        // A key that may list the account's buckets leaves R2_BUCKETS unset, so the Worker lists them all; a key scoped
        // to buckets is known to reach this one (Cloudflare does not say which others).
        StoredKey storedIn = canList && canWrite
                ? projects.store(
                                userId,
                                account,
                                bucket,
                                keypair,
                                probe.canListBuckets(root, keypair) ? List.of() : List.of(bucket))
                        .orElse(null)
                : null;
        return new KeyCapabilities(
                accessKeyId, bucket, canList, canWrite, summary(bucket, canList, canWrite), storedIn);
    }

    private MintedKey mintFor(UUID userId, ConnectedAccount account, List<String> buckets, String note) {
        String name = "flarelink-r2-" + buckets.get(0) + "-" + STAMP.format(clock.instant());
        CreatedToken token = account.call(api ->
                api.tokens().create(TokenCreateParams.of(name, List.of(policy(api, account.accountId(), buckets)))));
        R2KeyRecord key = new R2KeyRecord(
                UUID.randomUUID(), userId, account.connectionId(), token.id(), name, buckets, clock.instant(), null);
        keys.insert(key);
        activity.recordAction(scopes.action(
                userId,
                account.connectionId(),
                buckets,
                "key.minted",
                "ok",
                name + " (access key id " + token.id() + ") for " + String.join(", ", buckets) + note));
        S3Keypair keypair = new S3Keypair(token.id(), token.value().r2SecretAccessKey());
        StoredKey storedIn = projects.store(userId, account, buckets.get(0), keypair, buckets)
                .orElse(null);
        return new MintedKey(view(key, "active"), keypair, storedIn);
    }

    private static TokenPolicy policy(CloudflareApi api, String accountId, List<String> buckets) {
        List<String> groups =
                PermissionGroupNames.bucketItemReadWrite(api.tokens().permissionGroups());
        Map<String, Object> resources = new java.util.LinkedHashMap<>();
        buckets.forEach(b -> resources.put("com.cloudflare.edge.r2.bucket." + accountId + "_default_" + b, "*"));
        return TokenPolicy.allow(resources, groups);
    }

    private void revokeToken(UUID userId, ConnectedAccount account, R2KeyRecord key, String detail) {
        try {
            account.call(api -> {
                api.tokens().delete(key.tokenId());
                return null;
            });
        } catch (NotFoundException alreadyGone) {
            // Deleted in Cloudflare already: the key no longer works, which is what was asked.
        }
        keys.markRevoked(userId, key.id(), clock.instant());
        activity.recordAction(scopes.action(
                userId, account.connectionId(), key.buckets(), "key.revoked", "ok", key.name() + " " + detail));
    }

    private R2KeyRecord active(UUID userId, UUID connectionId, UUID keyId) {
        R2KeyRecord key = keys.find(userId, connectionId, keyId).orElseThrow(() -> R2KeyNotFoundException.forId(keyId));
        if (key.revokedAt() != null) {
            throw new FilesProblemException("key", "This key was already revoked.");
        }
        return key;
    }

    private static String state(ConnectedAccount account, R2KeyRecord key) {
        if (key.revokedAt() != null) {
            return "revoked";
        }
        try {
            Token token = account.call(api -> api.tokens().get(key.tokenId()));
            return token.status().toString().toLowerCase(java.util.Locale.ROOT);
        } catch (NotFoundException gone) {
            return "missing";
        } catch (CloudflareException unknown) {
            return "unknown";
        }
    }

    private static R2KeyView view(R2KeyRecord key, String state) {
        return new R2KeyView(
                key.id(), key.name(), key.tokenId(), key.buckets(), key.createdAt(), key.revokedAt(), state);
    }

    private static String summary(String bucket, boolean canList, boolean canWrite) {
        if (canList && canWrite) {
            return "This key works: it can list, read and write objects in " + bucket + ".";
        }
        if (canList) {
            return "This key can list and read objects in " + bucket + " but not write them: uploads will fail.";
        }
        if (canWrite) {
            return "This key can write objects in " + bucket + " but not list them.";
        }
        return "R2 accepts this key but it has no access to " + bucket + ". Give it Object Read & Write on this "
                + "bucket in Cloudflare (R2 → Manage R2 API Tokens).";
    }
}

package dev.flarelink.files;

import dev.flarelink.activity.ActivityEntry;
import dev.flarelink.activity.ActivityService;
import dev.flarelink.cloudflare.core.Page;
import dev.flarelink.cloudflare.errors.CloudflareApiException;
import dev.flarelink.cloudflare.errors.CloudflareException;
import dev.flarelink.cloudflare.errors.NotFoundException;
import dev.flarelink.cloudflare.r2.R2Bucket;
import dev.flarelink.cloudflare.r2.R2BucketCreateParams;
import dev.flarelink.connect.ConnectedAccount;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.connect.ConnectionView;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Lists, creates and deletes the R2 buckets of a user's connections. */
@Service
public class BucketService {

    private static final int BUCKET_EXISTS = 10004;
    private static final int BUCKET_NOT_EMPTY = 10008;
    private static final int MAX_PAGES = 50;

    private final ConnectionService connections;
    private final ActivityService activity;
    private final BucketScopes scopes;

    BucketService(ConnectionService connections, ActivityService activity, BucketScopes scopes) {
        this.connections = connections;
        this.activity = activity;
        this.scopes = scopes;
    }

    /** Every connection of the user with its buckets; a connection Cloudflare refuses shows its problem instead. */
    public List<ConnectionBuckets> bucketsOf(UUID userId) {
        List<ConnectionBuckets> result = new ArrayList<>();
        for (ConnectionView connection : connections.connectionsOf(userId)) {
            if (!connection.active()) {
                result.add(new ConnectionBuckets(
                        connection, List.of(), "This connection's token is " + connection.status() + "."));
                continue;
            }
            try {
                result.add(new ConnectionBuckets(connection, list(userId, connection.id()), null));
            } catch (CloudflareException e) {
                result.add(new ConnectionBuckets(connection, List.of(), CloudflareProblems.explain(e)));
            }
        }
        return result;
    }

    /** One of the user's connections with its buckets (the JSON API's active connection); same rules as above. */
    public ConnectionBuckets bucketsOn(UUID userId, UUID connectionId) {
        ConnectionView connection = connections.get(userId, connectionId);
        if (!connection.active()) {
            return new ConnectionBuckets(
                    connection, List.of(), "This connection's token is " + connection.status() + ".");
        }
        try {
            return new ConnectionBuckets(connection, list(userId, connection.id()), null);
        } catch (CloudflareException e) {
            return new ConnectionBuckets(connection, List.of(), CloudflareProblems.explain(e));
        }
    }

    /** The user's connection, for page headings. */
    public ConnectionView connection(UUID userId, UUID connectionId) {
        return connections.get(userId, connectionId);
    }

    /**
     * One bucket of one of the user's connections.
     *
     * @throws BucketNotFoundException when the account has no such bucket (or the connection is not the user's)
     */
    public BucketView bucket(UUID userId, UUID connectionId, String bucket) {
        BucketName.existing(bucket);
        ConnectedAccount account = scopes.open(userId, connectionId, bucket);
        try {
            return view(account.call(api -> api.r2().getBucket(account.accountId(), bucket)));
        } catch (NotFoundException | IllegalArgumentException missing) {
            throw BucketNotFoundException.named(bucket);
        }
    }

    /** Creates a bucket after checking R2's naming rules (a refused name makes no call). */
    public BucketView create(UUID userId, CreateBucketCommand command) {
        // Another user's connection is not found before the name is judged (opening it calls nobody).
        ConnectedAccount account = connections.open(userId, command.connectionId(), null);
        String name = BucketName.check(command.name());
        String location = BucketName.checkLocation(command.locationHint());
        R2Bucket created;
        try {
            created = account.call(
                    api -> api.r2().createBucket(account.accountId(), new R2BucketCreateParams(name, location, null)));
        } catch (CloudflareApiException e) {
            if (e.hasCode(BUCKET_EXISTS)) {
                throw new FilesProblemException(
                        "name",
                        "A bucket named " + name + " already exists in this "
                                + "account. Choose another name, or open the existing one from the list.");
            }
            throw e;
        }
        record(userId, account, "bucket.created", name, name + (location == null ? "" : " in " + location));
        return new BucketView(name, created.location() == null ? location : created.location(), created.creationDate());
    }

    /** Deletes an empty bucket once its name was typed again; a non-empty bucket is explained, not deleted. */
    public void delete(UUID userId, DeleteBucketCommand command) {
        String typed = command.typedName() == null ? "" : command.typedName().strip();
        if (!typed.equals(command.bucket())) {
            throw new FilesProblemException(
                    "typedName", "Type the bucket's name, " + command.bucket() + ", exactly, to confirm.");
        }
        ConnectedAccount account = scopes.open(userId, command.connectionId(), command.bucket());
        try {
            account.call(api -> {
                api.r2().deleteBucket(account.accountId(), command.bucket());
                return null;
            });
        } catch (NotFoundException e) {
            throw BucketNotFoundException.named(command.bucket());
        } catch (CloudflareApiException e) {
            if (e.hasCode(BUCKET_NOT_EMPTY)) {
                throw new FilesProblemException(
                        "typedName",
                        "Cloudflare refused: the bucket is not empty (code "
                                + "10008). R2 deletes only empty buckets. Delete its objects first, or set an object "
                                + "lifecycle rule in Cloudflare, then try again. Nothing was deleted.");
            }
            throw e;
        }
        record(userId, account, "bucket.deleted", command.bucket(), command.bucket());
    }

    private List<BucketView> list(UUID userId, UUID connectionId) {
        ConnectedAccount account = connections.open(userId, connectionId, null);
        return account.call(api -> {
            List<BucketView> buckets = new ArrayList<>();
            Page<R2Bucket> page = api.r2().listBuckets(account.accountId(), null, 100);
            for (int pages = 1; ; pages++) {
                page.items().stream().map(BucketService::view).forEach(buckets::add);
                if (!page.hasNextPage() || pages == MAX_PAGES) {
                    return buckets;
                }
                page = page.nextPage();
            }
        });
    }

    private void record(UUID userId, ConnectedAccount account, String action, String bucket, String detail) {
        activity.recordAction(ActivityEntry.action(userId, action, account.connectionId(), null, "ok", detail)
                .withResources("bucket_name=" + bucket));
    }

    private static BucketView view(R2Bucket bucket) {
        return new BucketView(bucket.name(), bucket.location(), bucket.creationDate());
    }
}

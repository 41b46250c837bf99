package dev.flarelink.provisioning;

import dev.flarelink.activity.ActivityEntry;
import dev.flarelink.activity.ActivityService;
import dev.flarelink.cloudflare.d1.D1Statement;
import dev.flarelink.connect.ConnectedAccount;
import dev.flarelink.connect.ConnectionService;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Small changes to a live project, made at once in the request: new trusted origins, a new service key. Cloudflare
 * is called first and Flarelink's record changes only when Cloudflare took the change.
 */
@Component
class ProjectChanges {

    private final ConnectionService connections;
    private final ProjectRepository projects;
    private final ServiceKeys keys;
    private final ActivityService activity;
    private final Clock clock;
    private final WorkerReloader reloader;
    private final D1ConfigStep configStep = new D1ConfigStep(new SecureRandom());

    ProjectChanges(
            ConnectionService connections,
            ProjectRepository projects,
            ServiceKeys keys,
            ActivityService activity,
            Clock clock,
            WorkerReloader reloader) {
        this.connections = connections;
        this.projects = projects;
        this.keys = keys;
        this.activity = activity;
        this.clock = clock;
        this.reloader = reloader;
    }

    /** Writes the new origins (and a reload ticket) and asks the Worker to reload; the ping's outcome is returned. */
    ReloadOutcome changeTrustedOrigins(Project project, List<String> origins) {
        ConnectedAccount account = open(project);
        String database = Objects.requireNonNull(project.getD1DatabaseId(), "d1DatabaseId");
        ReloadTicket ticket = reloader.issue();
        call(
                account,
                api -> api.d1()
                        .batch(
                                account.accountId(),
                                database,
                                withTicket(D1ConfigStep.upsert("TRUSTED_ORIGINS", String.join(",", origins)), ticket)));
        String bucket = project.getR2Bucket();
        if (bucket != null) {
            call(account, api -> api.r2().putCors(account.accountId(), bucket, R2CreateStep.uploadCors(origins)));
        }
        projects.change(project.getId(), p -> p.newTrustedOrigins(origins, clock.instant()));
        record(project, "project.origins_changed", String.join(", ", origins));
        return reload(project, ticket);
    }

    /** Replaces the service key; returns the new key, which the caller shows once and forgets, and the ping's outcome. */
    RotatedServiceKey rotateServiceKey(Project project) {
        ConnectedAccount account = open(project);
        String database = Objects.requireNonNull(project.getD1DatabaseId(), "d1DatabaseId");
        String key = keys.generate();
        String hash = ServiceKeys.sha256(key);
        ReloadTicket ticket = reloader.issue();
        D1Statement row = D1ConfigStep.upsert("SERVICE_KEY_HASH", hash);
        call(account, api -> api.d1().batch(account.accountId(), database, withTicket(row, ticket)));
        projects.change(project.getId(), p -> {
            p.newServiceKeyHash(hash, clock.instant());
            keys.discard(p.getId());
        });
        record(project, "project.service_key_rotated", "new key hash written to flarelink_config");
        return new RotatedServiceKey(key, reload(project, ticket));
    }

    private static List<D1Statement> withTicket(D1Statement change, ReloadTicket ticket) {
        List<D1Statement> statements = new ArrayList<>();
        statements.add(change);
        statements.addAll(ticket.statements());
        return statements;
    }

    private ReloadOutcome reload(Project project, ReloadTicket ticket) {
        return reloader.ping(
                project.getUserId(), project.getConnectionId(), project.getId(), project.getWorkersDevUrl(), ticket);
    }

    private ConnectedAccount open(Project project) {
        return connections.open(project.getUserId(), project.getConnectionId(), project.getId());
    }

    private void call(ConnectedAccount account, Consumer<dev.flarelink.cloudflare.CloudflareApi> work) {
        try {
            account.call(api -> {
                work.accept(api);
                return null;
            });
        } catch (RuntimeException failed) {
            throw new ProjectStateException(CloudflareErrors.explain(failed, configStep) + " Nothing was changed.");
        }
    }

    private void record(Project project, String action, String detail) {
        activity.recordAction(ActivityEntry.action(
                project.getUserId(), action, project.getConnectionId(), project.getId(), "ok", detail));
    }
}

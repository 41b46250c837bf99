package dev.flarelink.files;

import dev.flarelink.activity.ActivityService;
import dev.flarelink.cloudflare.errors.NotFoundException;
import dev.flarelink.cloudflare.r2.R2Cors;
import dev.flarelink.connect.ConnectedAccount;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** Shows, changes and live-checks a bucket's CORS policy. */
@Service
public class CorsService {

    /** The object key a preflight names; R2 evaluates CORS per bucket, so any key does. */
    static final String CHECK_KEY = "flarelink-cors-check";

    private final BucketScopes connections;
    private final ActivityService activity;
    private final R2Endpoint endpoint;
    private final S3Transport s3;

    CorsService(BucketScopes connections, ActivityService activity, R2Endpoint endpoint, S3Transport s3) {
        this.connections = connections;
        this.activity = activity;
        this.endpoint = endpoint;
        this.s3 = s3;
    }

    /** The bucket's rules in evaluation order, each with its sentence; empty when it has no policy. */
    public List<CorsRuleView> rules(UUID userId, UUID connectionId, String bucket) {
        return views(read(connections.open(userId, connectionId, bucket), bucket));
    }

    /** Puts (or replaces) the minimal upload rule for these origins, keeping the other rules. */
    public List<CorsRuleView> allowUploads(UUID userId, AllowUploadsCommand command) {
        List<String> origins = new ArrayList<>(CorsOrigins.parseLines(command.origins(), "uploadOrigins", false));
        String dashboard = dashboardOrigin(command.dashboardOrigin());
        // The Files browser of a project's bucket uploads from the dashboard's own page: without its origin in the
        // rule the first upload fails, and saving the form again must not drop it.
        if (dashboard != null
                && !origins.contains(dashboard)
                && connections.projectOf(userId, command.connectionId(), command.bucket()) != null) {
            origins.add(dashboard);
        }
        return change(userId, command.connectionId(), command.bucket(), "allow uploads from " + origins, rules -> {
            List<R2Cors.Rule> kept = new ArrayList<>(rules.stream()
                    .filter(r -> !CorsRules.UPLOADS_RULE_ID.equals(r.id()))
                    .toList());
            kept.add(0, CorsRules.uploads(origins));
            return kept;
        });
    }

    /**
     * Whether a page on {@code origin} may upload to the bucket (a PUT with a content-type header), by the bucket's
     * current rules: the Files browser says so before an upload fails.
     */
    public boolean allowsUploadsFrom(UUID userId, UUID connectionId, String bucket, String origin) {
        List<R2Cors.Rule> rules = read(connections.open(userId, connectionId, bucket), bucket);
        return CorsRules.match(rules, origin, "PUT", List.of("content-type")) >= 0;
    }

    /** The dashboard's origin as a CORS origin, or null when it is not one R2 accepts (then it is left out). */
    public static @Nullable String dashboardOrigin(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return CorsOrigins.check(raw, "uploadOrigins", false);
        } catch (FilesProblemException notAnOrigin) {
            return null;
        }
    }

    /** Appends a custom rule after checking every field. */
    public List<CorsRuleView> addRule(UUID userId, CorsRuleCommand command) {
        R2Cors.Rule rule = CorsRules.custom(command);
        return change(
                userId, command.connectionId(), command.bucket(), "rule added: " + CorsWords.describe(rule), rules -> {
                    List<R2Cors.Rule> all = new ArrayList<>(rules);
                    all.add(rule);
                    return all;
                });
    }

    /** Removes the rule at {@code index} (from 0). */
    public List<CorsRuleView> deleteRule(UUID userId, UUID connectionId, String bucket, int index) {
        return change(userId, connectionId, bucket, "rule " + (index + 1) + " removed", rules -> {
            if (index < 0 || index >= rules.size()) {
                throw new FilesProblemException("rule", "That rule no longer exists; the page shows the current ones.");
            }
            List<R2Cors.Rule> all = new ArrayList<>(rules);
            all.remove(index);
            return all;
        });
    }

    /** Removes the whole policy: browsers can no longer reach the bucket from other origins. */
    public void deleteAll(UUID userId, UUID connectionId, String bucket) {
        ConnectedAccount account = connections.open(userId, connectionId, bucket);
        read(account, bucket);
        account.call(api -> {
            api.r2().deleteCors(account.accountId(), bucket);
            return null;
        });
        record(userId, account, bucket, "policy removed");
    }

    /** Sends a real preflight to the S3 endpoint and compares it with the rule the policy says should match. */
    public CorsCheckResult check(UUID userId, CorsCheckCommand command) {
        String origin = CorsOrigins.check(command.origin() == null ? "" : command.origin(), "origin", false);
        String method = CorsRules.method(command.method());
        List<String> headers = CorsRules.headers(command.headers(), "headers");
        ConnectedAccount account = connections.open(userId, command.connectionId(), command.bucket());
        List<R2Cors.Rule> rules = read(account, command.bucket());
        int matched = CorsRules.match(rules, origin, method, headers);
        URI url = URI.create(endpoint.forAccount(account.accountId()) + "/" + command.bucket() + "/" + CHECK_KEY);
        S3Transport.Answer answer = s3.preflight(url, origin, method, headers);
        String allowOrigin = answer.headers().getOrDefault("access-control-allow-origin", "");
        boolean passed =
                answer.status() / 100 == 2 && (allowOrigin.equals("*") || allowOrigin.equalsIgnoreCase(origin));
        CorsRuleView rule = matched < 0 ? null : CorsRules.view(matched, rules.get(matched));
        return new CorsCheckResult(
                passed,
                origin,
                method,
                rule,
                url.toString(),
                answer.status(),
                new TreeMap<>(answer.headers()),
                verdict(passed, rule, origin, method));
    }

    private static String verdict(boolean passed, CorsRuleView rule, String origin, String method) {
        if (passed && rule != null) {
            return "Passes: a page on " + origin + " may " + method + " objects here, by rule " + rule.number() + ".";
        }
        if (passed) {
            return "Passes at R2, although Flarelink found no rule that should allow it; Cloudflare may have "
                    + "changed how it matches origins.";
        }
        if (rule != null) {
            return "Fails at R2, although rule " + rule.number() + " should allow it. A policy change can take a "
                    + "little while to reach R2; try again in a minute.";
        }
        return "Fails: no rule allows " + method + " from " + origin + ". Add the origin with \"Allow uploads from "
                + "my app\" or a custom rule.";
    }

    private List<CorsRuleView> change(
            UUID userId, UUID connectionId, String bucket, String detail, UnaryOperator<List<R2Cors.Rule>> edit) {
        ConnectedAccount account = connections.open(userId, connectionId, bucket);
        List<R2Cors.Rule> updated = edit.apply(read(account, bucket));
        account.call(api -> {
            api.r2().putCors(account.accountId(), bucket, new R2Cors(updated));
            return null;
        });
        record(userId, account, bucket, detail);
        return views(updated);
    }

    private static List<R2Cors.Rule> read(ConnectedAccount account, String bucket) {
        BucketName.existing(bucket);
        try {
            return account.call(api -> api.r2().getCors(account.accountId(), bucket))
                    .rules();
        } catch (NotFoundException | IllegalArgumentException missing) {
            throw BucketNotFoundException.named(bucket);
        }
    }

    private static List<CorsRuleView> views(List<R2Cors.Rule> rules) {
        return IntStream.range(0, rules.size())
                .mapToObj(i -> CorsRules.view(i, rules.get(i)))
                .toList();
    }

    private void record(UUID userId, ConnectedAccount account, String bucket, String detail) {
        activity.recordAction(connections.action(
                userId, account.connectionId(), bucket, "cors.changed", "ok", bucket + ": " + detail));
    }
}

package dev.flarelink.activity.reconcile;

import dev.flarelink.activity.ActivityEntry;
import dev.flarelink.activity.ActivityEventView;
import dev.flarelink.cloudflare.audit.AuditLogEntry;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Pairs Cloudflare audit entries with Flarelink call events: first by ray id (exact), then, for a pair where one side
 * has no ray id (a lost response, an entry without {@code raw}), by method, path and a time at most {@link #SLACK}
 * apart. Pure: no I/O, so every rule is unit-tested.
 */
final class AuditMatcher {

    /** How far apart the two clocks' times of one call may be for the fallback match. */
    static final Duration SLACK = Duration.ofSeconds(5);

    private static final Comparator<ReconciledCall> NEWEST_FIRST =
            Comparator.comparing(ReconciledCall::time).reversed();

    private AuditMatcher() {}

    /** What the two sides have in common and what only one of them recorded. */
    record Result(
            int matched,
            List<ReconciledCall> cloudflareOnly,
            List<ReconciledCall> flarelinkOnlyWrites,
            List<ReconciledCall> flarelinkOnlyReads) {}

    /**
     * @param theirs audit entries of the token inside {@code range}
     * @param ours call events of the connection or of no connection, inside {@code range} widened by {@link #SLACK}
     *     at the start so that a call near the edge still finds its partner
     */
    static Result match(
            List<AuditLogEntry> theirs, List<ActivityEventView> ours, UUID connectionId, ReconcileRange range) {
        Set<ActivityEventView> unused = new LinkedHashSet<>(ours);
        Map<String, List<ActivityEventView>> byRay = new HashMap<>();
        for (ActivityEventView event : ours) {
            String ray = ray(event.entry().cfRay());
            if (ray != null) {
                byRay.computeIfAbsent(ray, r -> new ArrayList<>()).add(event);
            }
        }
        List<AuditLogEntry> unmatched = new ArrayList<>();
        int matched = 0;
        for (AuditLogEntry entry : theirs) {
            ActivityEventView partner = byRay(entry, byRay, unused);
            if (partner == null) {
                unmatched.add(entry);
            } else {
                unused.remove(partner);
                matched++;
            }
        }
        List<ReconciledCall> cloudflareOnly = new ArrayList<>();
        for (AuditLogEntry entry : unmatched) {
            ActivityEventView partner = closestWithoutRay(entry, unused);
            if (partner == null) {
                cloudflareOnly.add(call(entry));
            } else {
                unused.remove(partner);
                matched++;
            }
        }
        List<ReconciledCall> writes = new ArrayList<>();
        List<ReconciledCall> reads = new ArrayList<>();
        for (ActivityEventView event : unused) {
            ActivityEntry e = event.entry();
            boolean inRange =
                    !e.occurredAt().isBefore(range.since()) && e.occurredAt().isBefore(range.before());
            // Calls of connecting a token carry no connection: they only ever serve as partners.
            if (inRange && connectionId.equals(e.connectionId())) {
                (isRead(e.method()) ? reads : writes).add(call(event));
            }
        }
        cloudflareOnly.sort(NEWEST_FIRST);
        writes.sort(NEWEST_FIRST);
        reads.sort(NEWEST_FIRST);
        return new Result(matched, cloudflareOnly, writes, reads);
    }

    private static @Nullable ActivityEventView byRay(
            AuditLogEntry entry, Map<String, List<ActivityEventView>> byRay, Set<ActivityEventView> unused) {
        String ray = entry.raw() == null ? null : ray(entry.raw().cfRayId());
        if (ray == null) {
            return null;
        }
        return byRay.getOrDefault(ray, List.of()).stream()
                .filter(unused::contains)
                .findFirst()
                .orElse(null);
    }

    private static @Nullable ActivityEventView closestWithoutRay(AuditLogEntry entry, Set<ActivityEventView> unused) {
        AuditLogEntry.Raw raw = entry.raw();
        Instant time = time(entry);
        if (raw == null || raw.method() == null || raw.uri() == null || time == null) {
            return null;
        }
        boolean theyHaveRay = ray(raw.cfRayId()) != null;
        String path = withoutQuery(raw.uri());
        Set<String> paths = new HashSet<>(List.of(path, decoded(path)));
        return unused.stream()
                .filter(event -> !theyHaveRay || ray(event.entry().cfRay()) == null)
                .filter(event -> raw.method().equalsIgnoreCase(event.entry().method()))
                .filter(event -> paths.contains(concretePath(event.entry())))
                .filter(event -> apart(event.occurredAt(), time).compareTo(SLACK) <= 0)
                .min(Comparator.comparing(event -> apart(event.occurredAt(), time)))
                .orElse(null);
    }

    /** The ray id without the {@code -<colo>} suffix the response header carries, lower case; null when blank. */
    static @Nullable String ray(@Nullable String cfRay) {
        if (cfRay == null || cfRay.isBlank()) {
            return null;
        }
        int dash = cfRay.indexOf('-');
        return (dash < 0 ? cfRay : cfRay.substring(0, dash)).trim().toLowerCase(Locale.ROOT);
    }

    /** The event's path template with its recorded ids put back, e.g. {@code /accounts/abc/d1/database}. */
    static String concretePath(ActivityEntry entry) {
        String path = Objects.requireNonNullElse(entry.path(), "");
        if (entry.resourceIds() == null) {
            return path;
        }
        for (String pair : entry.resourceIds().split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                path = path.replace("{" + pair.substring(0, eq) + "}", pair.substring(eq + 1));
            }
        }
        return path;
    }

    static boolean isRead(@Nullable String method) {
        return method == null || method.equalsIgnoreCase("GET") || method.equalsIgnoreCase("HEAD");
    }

    private static String withoutQuery(String uri) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        return path.startsWith("/client/v4/") ? path.substring("/client/v4".length()) : path;
    }

    private static String decoded(String path) {
        try {
            return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            return path;
        }
    }

    private static @Nullable Instant time(AuditLogEntry entry) {
        return entry.action() == null ? null : entry.action().time();
    }

    private static Duration apart(Instant a, Instant b) {
        return Duration.between(a, b).abs();
    }

    private static ReconciledCall call(AuditLogEntry entry) {
        AuditLogEntry.Raw raw = entry.raw();
        AuditLogEntry.Actor actor = entry.actor();
        String source = actor == null
                ? null
                : Stream.of(actor.tokenName(), raw == null ? null : raw.userAgent(), actor.ipAddress())
                        .filter(Objects::nonNull)
                        .filter(s -> !s.isBlank())
                        .collect(Collectors.joining(" · "));
        String description = entry.action() == null ? null : entry.action().description();
        return new ReconciledCall(
                Objects.requireNonNullElse(time(entry), Instant.EPOCH),
                raw == null || raw.method() == null ? "?" : raw.method(),
                raw == null || raw.uri() == null ? Objects.requireNonNullElse(description, "?") : raw.uri(),
                raw == null ? null : raw.statusCode(),
                raw == null ? null : ray(raw.cfRayId()),
                null,
                source == null || source.isEmpty() ? null : source);
    }

    private static ReconciledCall call(ActivityEventView event) {
        ActivityEntry e = event.entry();
        return new ReconciledCall(
                e.occurredAt(),
                Objects.requireNonNullElse(e.method(), "?"),
                concretePath(e),
                e.status(),
                ray(e.cfRay()),
                e.seq(),
                null);
    }
}

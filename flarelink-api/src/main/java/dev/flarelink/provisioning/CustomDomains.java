package dev.flarelink.provisioning;

import dev.flarelink.activity.ActivityEntry;
import dev.flarelink.activity.ActivityService;
import dev.flarelink.cloudflare.errors.ConflictException;
import dev.flarelink.cloudflare.errors.NotFoundException;
import dev.flarelink.cloudflare.workers.CustomDomain;
import dev.flarelink.cloudflare.workers.DomainAttachParams;
import dev.flarelink.cloudflare.zones.Zone;
import dev.flarelink.connect.ConnectedAccount;
import dev.flarelink.connect.ConnectionService;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Attaches a hostname on one of the user's Cloudflare zones to the project's Worker (Cloudflare then creates the
 * DNS record and the certificate), or detaches it. Conflicts are explained with what to do about them.
 */
@Component
class CustomDomains {

    private static final Pattern HOSTNAME =
            Pattern.compile("^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$");

    private final ConnectionService connections;
    private final ProjectRepository projects;
    private final ActivityService activity;
    private final Clock clock;

    CustomDomains(ConnectionService connections, ProjectRepository projects, ActivityService activity, Clock clock) {
        this.connections = connections;
        this.projects = projects;
        this.activity = activity;
        this.clock = clock;
    }

    void attach(Project project, String rawHostname, boolean takeOver) {
        String hostname = validHostname(rawHostname);
        ConnectedAccount account = open(project);
        Zone zone = account.call(api -> api.zones().findForHostname(hostname, account.accountId()))
                .orElseThrow(() -> invalid("No zone in your Cloudflare account matches " + hostname + ". Add the "
                        + "domain to Cloudflare first, or use a hostname on a domain you already have there."));
        DomainAttachParams params = DomainAttachParams.of(hostname, project.getWorkerName(), zone.id());
        CustomDomain attached;
        try {
            attached = account.call(api ->
                    api.workers().attachDomain(account.accountId(), takeOver ? params.overridingExisting() : params));
        } catch (ConflictException conflict) {
            throw invalid(explain(conflict, hostname));
        }
        save(project.getId(), attached.hostname(), attached.id());
        record(project, "project.domain_attached", hostname);
    }

    void detach(Project project) {
        String domainId = Objects.requireNonNull(project.getCustomDomainId(), "customDomainId");
        ConnectedAccount account = open(project);
        try {
            account.call(api -> {
                api.workers().detachDomain(account.accountId(), domainId);
                return null;
            });
        } catch (NotFoundException alreadyGone) {
            // Removed in Cloudflare already: only our record is left to clear.
        }
        save(project.getId(), null, null);
        record(project, "project.domain_detached", project.getCustomDomain());
    }

    static String validHostname(String raw) {
        String hostname = raw.trim().toLowerCase(Locale.ROOT);
        if (!HOSTNAME.matcher(hostname).matches()) {
            throw invalid("Write a hostname such as auth.example.com: letters, digits, hyphens and dots, no scheme "
                    + "or path.");
        }
        if (hostname.endsWith(".workers.dev") || hostname.endsWith(".pages.dev")) {
            throw invalid("The Worker already has its workers.dev address; a custom domain is on your own zone.");
        }
        return hostname;
    }

    private static String explain(ConflictException conflict, String hostname) {
        if (conflict.hasCode(100116)) {
            return hostname + " is already the custom domain of another Worker. Detach it there, choose another "
                    + "hostname, or tick “Take it over” to move it to this Worker.";
        }
        if (conflict.hasCode(100117)) {
            return hostname + " already has DNS records (A, AAAA or CNAME) in your zone. Delete them, choose another "
                    + "hostname, or tick “Take it over” to let Cloudflare replace them.";
        }
        return "Cloudflare refused " + hostname + " (HTTP " + conflict.status() + ", code " + conflict.codes() + ").";
    }

    private static ProjectInputException invalid(String message) {
        return new ProjectInputException(Map.of("hostname", message));
    }

    private ConnectedAccount open(Project project) {
        return connections.open(project.getUserId(), project.getConnectionId(), project.getId());
    }

    private void save(UUID projectId, String hostname, String domainId) {
        projects.change(projectId, project -> project.customDomain(hostname, domainId, clock.instant()));
    }

    private void record(Project project, String action, String detail) {
        activity.recordAction(ActivityEntry.action(
                project.getUserId(), action, project.getConnectionId(), project.getId(), "ok", detail));
    }
}

package dev.flarelink.provisioning;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A project as shown on its page: its resources with their ids, the Worker URL, the deployed bundle version next
 * to the one this Flarelink ships, and the latest run. Never a secret.
 *
 * @param customDomain the hostname attached to the Worker, if any
 * @param serviceKeyWaiting the new service key has not been shown yet
 */
public record ProjectView(
        UUID id,
        String name,
        String status,
        String accountId,
        List<String> trustedOrigins,
        String workerName,
        String d1Name,
        @Nullable String d1DatabaseId,
        String kvTitle,
        @Nullable String kvNamespaceId,
        @Nullable String r2Bucket,
        @Nullable String workersDevUrl,
        @Nullable String customDomain,
        @Nullable String deployedVersion,
        String bundleVersion,
        boolean serviceKeyWaiting,
        @Nullable RunView run,
        Instant createdAt) {

    private static final String DASH = "https://dash.cloudflare.com/";

    public boolean active() {
        return status.equals("active");
    }

    public boolean deleted() {
        return status.equals("deleted");
    }

    public boolean busy() {
        return run != null && run.unfinished();
    }

    public boolean upToDate() {
        return bundleVersion.equals(deployedVersion);
    }

    public String workerDashboardUrl() {
        return DASH + accountId + "/workers/services/view/" + workerName + "/production";
    }

    public @Nullable String d1DashboardUrl() {
        return d1DatabaseId == null ? null : DASH + accountId + "/workers/d1/databases/" + d1DatabaseId;
    }

    public @Nullable String kvDashboardUrl() {
        return kvNamespaceId == null ? null : DASH + accountId + "/workers/kv/namespaces/" + kvNamespaceId;
    }

    public @Nullable String r2DashboardUrl() {
        return r2Bucket == null ? null : DASH + accountId + "/r2/default/buckets/" + r2Bucket;
    }
}

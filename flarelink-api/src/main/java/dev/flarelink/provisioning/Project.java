package dev.flarelink.provisioning;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A project: the names and ids of what Flarelink provisions for it, never a secret (only the key's SHA-256). */
class Project {

    private final UUID id;
    private final UUID userId;
    private final UUID connectionId;
    private final String accountId;
    private final String name;
    private final String workerName;
    private final String d1Name;
    private final String kvTitle;
    private final @Nullable String r2Bucket;
    private final Instant createdAt;
    private String trustedOrigins;
    private @Nullable String d1DatabaseId;
    private @Nullable String kvNamespaceId;
    private @Nullable String workersDevUrl;
    private @Nullable String customDomain;
    private @Nullable String customDomainId;
    /** Bind {@code EMAIL} (send_email) at the next upload: the project sends mail with Cloudflare Email Sending. */
    private boolean emailBinding;

    private @Nullable String deployedVersion;
    private @Nullable String deployedSha256;
    private String serviceKeySha256;
    private String status;
    private Instant updatedAt;

    /** A row of {@code project}, as {@link ProjectRepository} reads it. */
    Project(ResultSet row) throws SQLException {
        this.id = row.getObject("id", UUID.class);
        this.userId = row.getObject("user_id", UUID.class);
        this.connectionId = row.getObject("connection_id", UUID.class);
        this.accountId = row.getString("account_id");
        this.name = row.getString("name");
        this.trustedOrigins = row.getString("trusted_origins");
        this.workerName = row.getString("worker_name");
        this.d1Name = row.getString("d1_name");
        this.kvTitle = row.getString("kv_title");
        this.r2Bucket = row.getString("r2_bucket");
        this.d1DatabaseId = row.getString("d1_database_id");
        this.kvNamespaceId = row.getString("kv_namespace_id");
        this.workersDevUrl = row.getString("workers_dev_url");
        this.customDomain = row.getString("custom_domain");
        this.customDomainId = row.getString("custom_domain_id");
        this.emailBinding = row.getBoolean("email_binding");
        this.deployedVersion = row.getString("deployed_version");
        this.deployedSha256 = row.getString("deployed_sha256");
        this.serviceKeySha256 = row.getString("service_key_sha256");
        this.status = row.getString("status");
        this.createdAt = row.getTimestamp("created_at").toInstant();
        this.updatedAt = row.getTimestamp("updated_at").toInstant();
    }

    Project(
            UUID id,
            UUID userId,
            UUID connectionId,
            String accountId,
            ProjectRules.ValidInput input,
            String serviceKeySha256,
            Instant now) {
        this.id = id;
        this.userId = userId;
        this.connectionId = connectionId;
        this.accountId = accountId;
        this.name = input.name();
        this.trustedOrigins = String.join("\n", input.origins());
        this.workerName = ResourceNames.worker(input.name());
        this.d1Name = ResourceNames.database(input.name());
        this.kvTitle = ResourceNames.kvNamespace(input.name());
        this.r2Bucket = input.r2Bucket();
        this.serviceKeySha256 = serviceKeySha256;
        this.status = "provisioning";
        this.createdAt = now;
        this.updatedAt = now;
    }

    void provisioned(ProvisionedResources resources, Instant now) {
        this.d1DatabaseId = resources.d1DatabaseId();
        this.kvNamespaceId = resources.kvNamespaceId();
        this.workersDevUrl = resources.workersDevUrl();
        this.deployedVersion = resources.deployedVersion();
        this.deployedSha256 = resources.deployedSha256();
        moveTo("active", now);
    }

    void redeployed(String version, String sha256, @Nullable String url, Instant now) {
        this.deployedVersion = version;
        this.deployedSha256 = sha256;
        if (url != null) {
            this.workersDevUrl = url;
        }
        moveTo("active", now);
    }

    void newTrustedOrigins(List<String> origins, Instant now) {
        this.trustedOrigins = String.join("\n", origins);
        this.updatedAt = now;
    }

    void wantEmailBinding(Instant now) {
        this.emailBinding = true;
        this.updatedAt = now;
    }

    boolean isEmailBinding() {
        return emailBinding;
    }

    void newServiceKeyHash(String sha256, Instant now) {
        this.serviceKeySha256 = sha256;
        this.updatedAt = now;
    }

    void customDomain(@Nullable String hostname, @Nullable String domainId, Instant now) {
        this.customDomain = hostname;
        this.customDomainId = domainId;
        this.updatedAt = now;
    }

    void moveTo(String newStatus, Instant now) {
        this.status = newStatus;
        this.updatedAt = now;
    }

    UUID getId() {
        return id;
    }

    UUID getUserId() {
        return userId;
    }

    UUID getConnectionId() {
        return connectionId;
    }

    String getAccountId() {
        return accountId;
    }

    String getName() {
        return name;
    }

    List<String> trustedOrigins() {
        return Arrays.stream(trustedOrigins.split("\n"))
                .filter(s -> !s.isBlank())
                .toList();
    }

    String getWorkerName() {
        return workerName;
    }

    String getD1Name() {
        return d1Name;
    }

    String getKvTitle() {
        return kvTitle;
    }

    @Nullable
    String getR2Bucket() {
        return r2Bucket;
    }

    @Nullable
    String getD1DatabaseId() {
        return d1DatabaseId;
    }

    @Nullable
    String getKvNamespaceId() {
        return kvNamespaceId;
    }

    @Nullable
    String getWorkersDevUrl() {
        return workersDevUrl;
    }

    @Nullable
    String getCustomDomain() {
        return customDomain;
    }

    @Nullable
    String getCustomDomainId() {
        return customDomainId;
    }

    @Nullable
    String getDeployedVersion() {
        return deployedVersion;
    }

    @Nullable
    String getDeployedSha256() {
        return deployedSha256;
    }

    String getServiceKeySha256() {
        return serviceKeySha256;
    }

    String getStatus() {
        return status;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }
}

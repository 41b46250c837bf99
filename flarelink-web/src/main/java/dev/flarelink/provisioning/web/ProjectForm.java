package dev.flarelink.provisioning.web;

import dev.flarelink.provisioning.CreateProjectCommand;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The New project wizard's fields, carried unchanged from the form to the plan page and to the confirmation. */
class ProjectForm {

    private @Nullable UUID connectionId;
    private String name = "";
    private String trustedOrigins = "";
    private String r2Bucket = "";

    CreateProjectCommand toCommand() {
        return new CreateProjectCommand(connectionId, name, trustedOrigins, r2Bucket.isBlank() ? null : r2Bucket);
    }

    public @Nullable UUID getConnectionId() {
        return connectionId;
    }

    public void setConnectionId(@Nullable UUID connectionId) {
        this.connectionId = connectionId;
    }

    public String getName() {
        return name;
    }

    public void setName(@Nullable String name) {
        this.name = name == null ? "" : name;
    }

    public String getTrustedOrigins() {
        return trustedOrigins;
    }

    public void setTrustedOrigins(@Nullable String trustedOrigins) {
        this.trustedOrigins = trustedOrigins == null ? "" : trustedOrigins;
    }

    public String getR2Bucket() {
        return r2Bucket;
    }

    public void setR2Bucket(@Nullable String r2Bucket) {
        this.r2Bucket = r2Bucket == null ? "" : r2Bucket;
    }
}

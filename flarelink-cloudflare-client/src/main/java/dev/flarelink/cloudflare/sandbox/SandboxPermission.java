package dev.flarelink.cloudflare.sandbox;

/**
 * Permissions a seeded sandbox token can carry: the five Flarelink asks for, plus optional extras (zone read for
 * custom domains, account settings read for the audit log, user details read for {@code GET /user}).
 */
public enum SandboxPermission {
    WORKERS_SCRIPTS_EDIT(PermissionGroups.WORKERS_SCRIPTS_WRITE, false),
    D1_EDIT(PermissionGroups.D1_WRITE, false),
    WORKERS_KV_STORAGE_EDIT(PermissionGroups.KV_WRITE, false),
    WORKERS_R2_STORAGE_EDIT(PermissionGroups.R2_WRITE, false),
    USER_API_TOKENS_EDIT(PermissionGroups.API_TOKENS_WRITE, true),
    ZONE_READ(PermissionGroups.ZONE_READ, false),
    ACCOUNT_SETTINGS_READ(PermissionGroups.ACCOUNT_SETTINGS_READ, false),
    /** For {@code GET /user} (what {@code wrangler whoami} reads). */
    USER_DETAILS_READ(PermissionGroups.USER_DETAILS_READ, true);

    private final String groupId;
    private final boolean userScoped;

    SandboxPermission(String groupId, boolean userScoped) {
        this.groupId = groupId;
        this.userScoped = userScoped;
    }

    /** The Cloudflare permission-group id this permission is granted through. */
    public String groupId() {
        return groupId;
    }

    boolean userScoped() {
        return userScoped;
    }

    /** The five permissions Flarelink requests (four required plus API Tokens: Edit). */
    public static java.util.Set<SandboxPermission> flarelinkFive() {
        return java.util.EnumSet.of(
                WORKERS_SCRIPTS_EDIT, D1_EDIT, WORKERS_KV_STORAGE_EDIT, WORKERS_R2_STORAGE_EDIT, USER_API_TOKENS_EDIT);
    }
}

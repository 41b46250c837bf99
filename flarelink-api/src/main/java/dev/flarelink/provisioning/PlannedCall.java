package dev.flarelink.provisioning;

import dev.flarelink.connect.Permission;

/**
 * One Cloudflare call a run will make, as listed on the plan page before anything happens.
 *
 * @param method HTTP method
 * @param path the API path with the account id and resource names filled in where known
 * @param permission the token permission the call needs
 * @param purpose why Flarelink makes it
 */
public record PlannedCall(String method, String path, Permission permission, String purpose) {

    /** As Cloudflare's dashboard names the permission, e.g. "Account → D1: Edit". */
    public String permissionLabel() {
        return permission.label();
    }
}

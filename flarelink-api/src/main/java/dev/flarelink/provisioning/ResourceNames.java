package dev.flarelink.provisioning;

/** The Cloudflare names of a project's resources, derived from its name so a retry finds them again. */
final class ResourceNames {

    private ResourceNames() {}

    static String worker(String project) {
        return "flarelink-" + project + "-auth";
    }

    static String database(String project) {
        return "flarelink-" + project + "-auth-db";
    }

    static String kvNamespace(String project) {
        return "flarelink-" + project + "-sessions";
    }
}

package dev.flarelink.users;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A live project as the Users pages need it: where its users (D1) and sessions (KV) live, its Worker's address and
 * the Worker version deployed. Never a secret.
 */
public record AuthProject(
        UUID id,
        String name,
        UUID userId,
        UUID connectionId,
        String accountId,
        String databaseId,
        @Nullable String kvNamespaceId,
        @Nullable String workersDevUrl,
        @Nullable String deployedVersion) {

    /** The first Worker version that refuses a banned user's sign-in. */
    static final String BANS_ENFORCED_FROM = "0.4.0";

    /** Whether the deployed Worker refuses banned users (0.4.0 and later). */
    public boolean enforcesBans() {
        return deployedVersion != null && compareVersions(deployedVersion, BANS_ENFORCED_FROM) >= 0;
    }

    static int compareVersions(String a, String b) {
        String[] left = a.split("[.-]");
        String[] right = b.split("[.-]");
        for (int i = 0; i < 3; i++) {
            int l = number(left, i);
            int r = number(right, i);
            if (l != r) {
                return Integer.compare(l, r);
            }
        }
        return 0;
    }

    private static int number(String[] parts, int index) {
        if (index >= parts.length) {
            return 0;
        }
        try {
            return Integer.parseInt(parts[index]);
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }
}

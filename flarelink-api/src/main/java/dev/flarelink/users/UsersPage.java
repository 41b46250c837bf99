package dev.flarelink.users;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of users, read in one D1 call.
 *
 * @param next the cursor of the next page, null on the last one
 * @param estimate about how many users the project has (from the rowid range: no scan), when not counted exactly
 * @param exact the exact number of users matching the filter and search, when asked for
 */
public record UsersPage(
        AuthProject project,
        UsersQuery query,
        List<UserSummary> users,
        @Nullable String next,
        @Nullable Long estimate,
        @Nullable Long exact) {}

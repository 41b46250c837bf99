package dev.flarelink.activity;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Test fixtures: call events with a chosen time, action, project and outcome. */
final class ActivityEvents {

    private ActivityEvents() {}

    static ActivityEntry call(
            UUID user, Instant at, String action, @Nullable UUID project, String outcome, String ray, String detail) {
        return new ActivityEntry(
                user,
                0,
                at,
                "call",
                action,
                null,
                project,
                "POST",
                "/accounts/{account_id}/d1/database/{database_id}/query",
                "account_id=acc1,database_id=db1",
                outcome.equals("ok") ? 200 : 400,
                outcome.equals("ok") ? null : "7500",
                ray,
                12,
                1,
                outcome,
                detail);
    }
}

package dev.flarelink.provisioning;

import dev.flarelink.cloudflare.d1.D1QueryResult;
import dev.flarelink.connect.Permission;
import dev.flarelink.worker.Migration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Applies the bundle's auth migrations that the database does not have yet, each file together with its
 * {@code d1_migrations} row in one call (one transaction), as {@code wrangler d1 migrations apply} records them.
 */
final class D1MigrateStep implements Step {

    static final String NAME = "d1.migrate";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String label() {
        return "Apply the auth schema (d1_migrations)";
    }

    @Override
    public List<String> after() {
        return List.of(D1CreateStep.NAME);
    }

    @Override
    public List<PlannedCall> calls(ProjectSpec spec, String accountId) {
        String query = "/accounts/" + accountId + "/d1/database/{" + spec.d1Name() + "}/query";
        return List.of(
                new PlannedCall("POST", query, Permission.D1, "Create d1_migrations and read what is applied"),
                new PlannedCall("POST", query, Permission.D1, "Apply each new migration with its d1_migrations row"));
    }

    @Override
    public StepOutcome execute(StepScope scope) {
        String database = scope.resultOf(D1CreateStep.NAME);
        String tracking = scope.bundle().migrationsTableSql().strip();
        String sql = (tracking.endsWith(";") ? tracking : tracking + ";") + "\nSELECT name FROM d1_migrations;";
        List<D1QueryResult> results = scope.call(api -> api.d1().query(scope.accountId(), database, sql));
        Set<String> applied = new HashSet<>();
        for (Map<String, Object> row : results.get(results.size() - 1).results()) {
            applied.add(Objects.toString(row.get("name")));
        }
        String last = null;
        for (Migration migration : scope.bundle().migrations()) {
            last = migration.name();
            if (applied.contains(migration.name())) {
                continue;
            }
            String file = migration.sql().strip();
            String both = (file.endsWith(";") ? file : file + ";") + "\n" + migration.recordSql();
            scope.run(api -> api.d1().query(scope.accountId(), database, both));
        }
        return StepOutcome.created(last);
    }
}

package dev.flarelink.provisioning;

import dev.flarelink.cloudflare.d1.D1Statement;
import dev.flarelink.connect.Permission;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes the Worker's {@code flarelink_config} rows into the user's D1. The generated auth secret goes only there
 * (as a bound parameter, which the Activity log never records) and is kept when a row already exists, so a retry
 * never logs every user out; the other rows are upserted.
 */
final class D1ConfigStep implements Step {

    static final String NAME = "d1.config";

    private static final String KEEP = "INSERT INTO flarelink_config (key, value, updated_at) VALUES (?1, ?2, "
            + "unixepoch()) ON CONFLICT(key) DO NOTHING";
    private static final String UPSERT = "INSERT INTO flarelink_config (key, value, updated_at) VALUES (?1, ?2, "
            + "unixepoch()) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at";

    private final SecureRandom random;

    D1ConfigStep(SecureRandom random) {
        this.random = random;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String label() {
        return "Write flarelink_config (auth secret, trusted origins, project id, service key hash)";
    }

    @Override
    public List<String> after() {
        return List.of(D1MigrateStep.NAME);
    }

    @Override
    public List<PlannedCall> calls(ProjectSpec spec, String accountId) {
        return List.of(new PlannedCall(
                "POST",
                "/accounts/" + accountId + "/d1/database/{" + spec.d1Name() + "}/query",
                Permission.D1,
                "Write the configuration rows in one batch"));
    }

    @Override
    public StepOutcome execute(StepScope scope) {
        ProjectSpec spec = scope.spec();
        List<D1Statement> rows = List.of(
                D1Statement.of(KEEP, "BETTER_AUTH_SECRET", newSecret()),
                D1Statement.of(UPSERT, "TRUSTED_ORIGINS", String.join(",", spec.trustedOrigins())),
                D1Statement.of(UPSERT, "FLARELINK_PROJECT_ID", spec.projectId().toString()),
                D1Statement.of(UPSERT, "SERVICE_KEY_HASH", spec.serviceKeySha256()));
        String database = scope.resultOf(D1CreateStep.NAME);
        scope.run(api -> api.d1().batch(scope.accountId(), database, rows));
        return StepOutcome.created(null);
    }

    /** Sets one configuration row (the origins editor, service key rotation). */
    static D1Statement upsert(String key, String value) {
        return D1Statement.of(UPSERT, key, value);
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}

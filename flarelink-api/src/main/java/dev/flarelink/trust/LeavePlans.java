package dev.flarelink.trust;

import dev.flarelink.provisioning.ProjectView;
import dev.flarelink.worker.WorkerBundle;
import java.util.ArrayList;
import java.util.List;

/** Builds the "Leave cleanly" plan of a project from its recorded resources: no call to Cloudflare. */
final class LeavePlans {

    private LeavePlans() {}

    static LeavePlan of(ProjectView p, WorkerBundle bundle) {
        List<String> created = new ArrayList<>();
        created.add("Worker script " + p.workerName() + " (bindings DB and SESSIONS)");
        created.add("D1 database " + p.d1Name() + " (" + orUnknown(p.d1DatabaseId()) + ")");
        created.add("KV namespace " + p.kvTitle() + " (" + orUnknown(p.kvNamespaceId()) + ")");
        if (p.r2Bucket() != null) {
            created.add("R2 bucket " + p.r2Bucket() + " with its CORS rules");
        }
        if (p.workersDevUrl() != null) {
            created.add("workers.dev route " + p.workersDevUrl());
        }
        if (p.customDomain() != null) {
            created.add("Custom domain " + p.customDomain());
        }
        List<LeavePlan.Command> commands = List.of(
                new LeavePlan.Command(
                        "List the migrations applied to the D1 database",
                        "wrangler d1 migrations list " + p.d1Name() + " --remote"),
                new LeavePlan.Command(
                        "Query the database", "wrangler d1 execute " + p.d1Name() + " --remote --command \"select 1\""),
                new LeavePlan.Command("Deploy the Worker with the wrangler.toml below", "wrangler deploy"),
                new LeavePlan.Command("Follow its logs", "wrangler tail " + p.workerName()));
        return new LeavePlan(p, List.copyOf(created), wranglerToml(p, bundle), commands);
    }

    private static String wranglerToml(ProjectView p, WorkerBundle bundle) {
        return "name = \"" + p.workerName() + "\"\n"
                + "main = \"" + bundle.mainModule() + "\"\n"
                + "account_id = \"" + p.accountId() + "\"\n"
                + "compatibility_date = \"" + bundle.compatibilityDate() + "\"\n"
                + "compatibility_flags = ["
                + String.join(
                        ", ",
                        bundle.compatibilityFlags().stream()
                                .map(f -> "\"" + f + "\"")
                                .toList()) + "]\n\n"
                + "[[d1_databases]]\n"
                + "binding = \"DB\"\n"
                + "database_name = \"" + p.d1Name() + "\"\n"
                + "database_id = \"" + orUnknown(p.d1DatabaseId()) + "\"\n\n"
                + "[[kv_namespaces]]\n"
                + "binding = \"SESSIONS\"\n"
                + "id = \"" + orUnknown(p.kvNamespaceId()) + "\"\n";
    }

    private static String orUnknown(String id) {
        return id == null ? "id not recorded" : id;
    }
}

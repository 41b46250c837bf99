package dev.flarelink.jsonapi;

import dev.flarelink.connect.ConnectionView;
import dev.flarelink.provisioning.ProjectSummary;
import dev.flarelink.provisioning.ProjectView;
import dev.flarelink.provisioning.RunView;
import dev.flarelink.provisioning.StepView;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The JSON shapes of the API's answers: only what the pages show, never a token, key or secret. */
final class ApiJson {

    private ApiJson() {}

    record User(UUID id, String email) {}

    record Key(String name, String prefix, String scope) {}

    record Connection(UUID id, String accountId, String accountName, String status) {

        static Connection of(ConnectionView view) {
            return new Connection(view.id(), view.accountId(), view.accountName(), view.status());
        }
    }

    record Project(
            UUID id,
            String name,
            String status,
            String workerName,
            @Nullable String workersDevUrl,
            @Nullable String d1DatabaseId,
            @Nullable String kvNamespaceId,
            @Nullable String r2Bucket,
            List<String> trustedOrigins,
            Instant createdAt) {

        static Project of(ProjectView view) {
            return new Project(
                    view.id(),
                    view.name(),
                    view.status(),
                    view.workerName(),
                    view.workersDevUrl(),
                    view.d1DatabaseId(),
                    view.kvNamespaceId(),
                    view.r2Bucket(),
                    view.trustedOrigins(),
                    view.createdAt());
        }
    }

    record ProjectItem(
            UUID id,
            String name,
            String status,
            String workerName,
            @Nullable String workersDevUrl,
            Instant createdAt) {

        static ProjectItem of(ProjectSummary summary) {
            return new ProjectItem(
                    summary.id(),
                    summary.name(),
                    summary.status(),
                    summary.workerName(),
                    summary.workersDevUrl(),
                    summary.createdAt());
        }
    }

    record Me(
            User user,
            Key key,
            @Nullable Connection activeConnection,
            @Nullable Project activeProject) {}

    record Projects(Connection connection, List<ProjectItem> projects) {}

    record Database(
            String id,
            String name,
            boolean hostsAuthModule,
            @Nullable UUID projectId) {}

    record Databases(Connection connection, List<Database> databases) {}

    record Bucket(
            String name,
            @Nullable String location,
            @Nullable Instant createdAt) {}

    record Buckets(Connection connection, List<Bucket> buckets) {}

    record Run(
            UUID projectId,
            String kind,
            String status,
            int attempt,
            @Nullable String failedStep,
            @Nullable String error,
            List<StepView> steps) {

        static @Nullable Run of(UUID projectId, @Nullable RunView run) {
            return run == null
                    ? null
                    : new Run(
                            projectId,
                            run.kind(),
                            run.status(),
                            run.attempt(),
                            run.failedStep(),
                            run.error(),
                            run.steps());
        }
    }
}

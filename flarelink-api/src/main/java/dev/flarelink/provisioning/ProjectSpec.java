package dev.flarelink.provisioning;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a run needs to know of its project: names, origins, the service key hash (never the key), and what
 * Flarelink created for it.
 *
 * @param created provisioning step name ({@code d1.create}, {@code kv.create}, {@code r2.create},
 *     {@code worker.upload}) to the id of what that step created or adopted; only these are ever deleted
 * @param emailBinding upload the Worker with its optional {@code EMAIL} (send_email) binding
 */
record ProjectSpec(
        UUID projectId,
        UUID userId,
        UUID connectionId,
        String name,
        String workerName,
        String d1Name,
        String kvTitle,
        @Nullable String r2Bucket,
        List<String> trustedOrigins,
        String serviceKeySha256,
        Map<String, String> created,
        boolean emailBinding) {

    ProjectSpec {
        created = Map.copyOf(created);
    }

    /** The spec with the ids the project records; {@link ProjectLifecycle#spec} adds those of an unfinished rollback. */
    static ProjectSpec of(Project project) {
        Map<String, String> created = new HashMap<>();
        putIfPresent(created, D1CreateStep.NAME, project.getD1DatabaseId());
        putIfPresent(created, KvCreateStep.NAME, project.getKvNamespaceId());
        if (project.getDeployedVersion() != null) {
            created.put(WorkerUploadStep.NAME, project.getWorkerName());
            putIfPresent(created, R2CreateStep.NAME, project.getR2Bucket());
        }
        return new ProjectSpec(
                project.getId(),
                project.getUserId(),
                project.getConnectionId(),
                project.getName(),
                project.getWorkerName(),
                project.getD1Name(),
                project.getKvTitle(),
                project.getR2Bucket(),
                project.trustedOrigins(),
                project.getServiceKeySha256(),
                created,
                project.isEmailBinding());
    }

    /** The spec of a project not created yet, for the plan page. */
    static ProjectSpec draft(UUID userId, UUID connectionId, ProjectRules.ValidInput input) {
        return new ProjectSpec(
                new UUID(0, 0),
                userId,
                connectionId,
                input.name(),
                ResourceNames.worker(input.name()),
                ResourceNames.database(input.name()),
                ResourceNames.kvNamespace(input.name()),
                input.r2Bucket(),
                input.origins(),
                "",
                Map.of(),
                false);
    }

    ProjectSpec withCreated(Map<String, String> more) {
        Map<String, String> all = new HashMap<>(more);
        all.putAll(created);
        return new ProjectSpec(
                projectId,
                userId,
                connectionId,
                name,
                workerName,
                d1Name,
                kvTitle,
                r2Bucket,
                trustedOrigins,
                serviceKeySha256,
                all,
                emailBinding);
    }

    private static void putIfPresent(Map<String, String> map, String key, @Nullable String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}

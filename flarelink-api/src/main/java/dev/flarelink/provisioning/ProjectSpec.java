package dev.flarelink.provisioning;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What a run needs to know of its project: names, origins and the service key hash (never the key). */
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
        @Nullable String d1DatabaseId,
        @Nullable String kvNamespaceId) {

    static ProjectSpec of(Project project) {
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
                project.getD1DatabaseId(),
                project.getKvNamespaceId());
    }
}

package dev.flarelink.jsonapi;

import dev.flarelink.apikey.ApiKeyService;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.connect.ConnectionView;
import dev.flarelink.provisioning.ProjectNotFoundException;
import dev.flarelink.provisioning.ProjectView;
import dev.flarelink.provisioning.ProvisioningService;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What a route that names no project works on: the key user's active project (chosen with {@code PUT
 * /api/me/active-project}) and the active connection: the active project's connection while it is active, otherwise
 * the user's oldest active connection.
 */
@Component
class ApiWorld {

    private final ApiKeyService keys;
    private final ProvisioningService provisioning;
    private final ConnectionService connections;

    ApiWorld(ApiKeyService keys, ProvisioningService provisioning, ConnectionService connections) {
        this.keys = keys;
        this.provisioning = provisioning;
        this.connections = connections;
    }

    /** The active project, unless none was chosen or it has been deleted since. */
    Optional<ProjectView> activeProject(UUID userId) {
        return keys.activeProject(userId).flatMap(id -> {
            try {
                ProjectView project = provisioning.get(userId, id);
                return project.deleted() ? Optional.<ProjectView>empty() : Optional.of(project);
            } catch (ProjectNotFoundException gone) {
                return Optional.empty();
            }
        });
    }

    Optional<ConnectionView> activeConnection(UUID userId) {
        @Nullable
        UUID preferred = activeProject(userId)
                .map(p -> provisioning.connectionOf(userId, p.id()))
                .orElse(null);
        ConnectionView first = null;
        for (ConnectionView connection : connections.connectionsOf(userId)) {
            if (!connection.active()) {
                continue;
            }
            if (connection.id().equals(preferred)) {
                return Optional.of(connection);
            }
            if (first == null) {
                first = connection;
            }
        }
        return Optional.ofNullable(first);
    }

    /** The active connection, or 412 {@code NO_CONNECTION}. */
    ConnectionView requireConnection(UUID userId) {
        return activeConnection(userId).orElseThrow(ApiProblem::noConnection);
    }
}

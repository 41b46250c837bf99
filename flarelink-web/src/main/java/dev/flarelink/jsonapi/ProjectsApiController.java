package dev.flarelink.jsonapi;

import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.provisioning.CreateProjectCommand;
import dev.flarelink.provisioning.ProjectRun;
import dev.flarelink.provisioning.ProjectView;
import dev.flarelink.provisioning.ProvisioningPlan;
import dev.flarelink.provisioning.ProvisioningService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Projects beyond the MCP contract: the same plan-then-run as the New project wizard (a plan that changes nothing,
 * then the run, followed by its id), a project, and a run with the steps the project page shows.
 */
@RestController
@RequestMapping("/api")
class ProjectsApiController {

    private final ProvisioningService provisioning;
    private final ApiWorld world;

    ProjectsApiController(ProvisioningService provisioning, ApiWorld world) {
        this.provisioning = provisioning;
        this.world = world;
    }

    /** Every Cloudflare call creating the project would make, with the permission each needs; changes nothing. */
    @PostMapping("/projects/plan")
    ProvisioningPlan plan(
            @AuthenticationPrincipal SignedInUser user, @RequestBody(required = false) @Nullable NewProject body) {
        return provisioning.plan(user.id(), command(user, body));
    }

    /** Creates the project and starts its provisioning run: 202 with the run to follow at {@code /api/runs/{id}}. */
    @PostMapping("/projects")
    ResponseEntity<Map<String, Object>> create(
            @AuthenticationPrincipal SignedInUser user, @RequestBody(required = false) @Nullable NewProject body) {
        ProjectView project = provisioning.create(user.id(), command(user, body));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("project", ApiJson.Project.of(project));
        provisioning.latestRun(user.id(), project.id()).ifPresent(run -> {
            answer.put("runId", run.runId());
            answer.put("run", runJson(run));
        });
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
    }

    @GetMapping("/projects/{projectId}")
    Map<String, Object> project(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID projectId) {
        ProjectView project = provisioning.get(user.id(), projectId);
        if (project.deleted()) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "NOT_FOUND", "No project " + projectId + ".");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("project", ApiJson.Project.of(project));
        provisioning.latestRun(user.id(), projectId).ifPresent(run -> answer.put("latestRunId", run.runId()));
        return answer;
    }

    /** A run and its steps: poll until {@code status} is {@code succeeded}, {@code failed} or {@code rolled_back}. */
    @GetMapping("/runs/{runId}")
    Map<String, Object> run(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID runId) {
        return runJson(provisioning.run(user.id(), runId));
    }

    private static Map<String, Object> runJson(ProjectRun run) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", run.runId());
        answer.put("projectId", run.projectId());
        answer.put("kind", run.run().kind());
        answer.put("status", run.run().status());
        answer.put("finished", !run.run().unfinished());
        answer.put("attempt", run.run().attempt());
        answer.put("failedStep", run.run().failedStep());
        answer.put("error", run.run().error());
        answer.put("steps", run.run().steps());
        return answer;
    }

    private CreateProjectCommand command(SignedInUser user, @Nullable NewProject body) {
        if (body == null) {
            throw ApiProblem.badRequest(
                    "Send {\"name\": \"myapp\", \"trustedOrigins\": [\"https://app.example.com\"], \"r2Bucket\": null}.");
        }
        UUID connection = body.connectionId() != null
                ? body.connectionId()
                : world.requireConnection(user.id()).id();
        return new CreateProjectCommand(
                connection, body.name() == null ? "" : body.name(), origins(body.trustedOrigins()), body.r2Bucket());
    }

    // The wizard takes one origin per line; the API takes a list too.
    private static String origins(@Nullable Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return String.join("\n", list.stream().map(String.class::cast).toList());
        }
        throw ApiProblem.badRequest("trustedOrigins is a list of origins such as [\"https://app.example.com\"].");
    }

    record NewProject(
            @Nullable UUID connectionId,
            @Nullable String name,
            @Nullable Object trustedOrigins,
            @Nullable String r2Bucket) {}
}

package dev.flarelink.files.web;

import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.files.BucketService;
import dev.flarelink.files.CorsService;
import dev.flarelink.files.ProjectFilesService;
import dev.flarelink.files.ProjectLink;
import dev.flarelink.files.R2KeyService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Fills the bucket page's model (bucket, CORS rules, keys) so every action can re-render it with its messages. */
@Component
class BucketPage {

    static final String VIEW = "files/bucket";

    private final BucketService buckets;
    private final CorsService cors;
    private final R2KeyService keys;
    private final ProjectFilesService projects;

    BucketPage(BucketService buckets, CorsService cors, R2KeyService keys, ProjectFilesService projects) {
        this.buckets = buckets;
        this.cors = cors;
        this.keys = keys;
        this.projects = projects;
    }

    String render(SignedInUser user, UUID connectionId, String bucket, Model model) {
        model.addAttribute("bucket", buckets.bucket(user.id(), connectionId, bucket));
        model.addAttribute("connection", buckets.connection(user.id(), connectionId));
        model.addAttribute("rules", cors.rules(user.id(), connectionId, bucket));
        model.addAttribute(
                "keys",
                keys.keysOf(user.id(), connectionId).stream()
                        .filter(k -> k.buckets().contains(bucket))
                        .toList());
        boolean canMint = keys.canMint(user.id(), connectionId);
        model.addAttribute("canMint", canMint);
        model.addAttribute("noMintReason", canMint ? null : R2KeyService.noApiTokensEdit());
        model.addAttribute("base", "/files/" + connectionId + "/" + bucket);
        ProjectLink project =
                projects.projectOf(user.id(), connectionId, bucket).orElse(null);
        model.addAttribute("project", project);
        model.addAttribute("detachable", project != null && projects.detachable(user.id(), connectionId, bucket));
        model.addAttribute("projects", project == null ? projects.projectsOf(user.id(), connectionId) : List.of());
        // Said next to "Allow uploads": the Files browser uploads from this dashboard, so its origin joins the rule.
        model.addAttribute("dashboardOrigin", project == null ? null : currentDashboardOrigin());
        if (project != null && model.getAttribute("uploadOrigins") == null) {
            // "Allow uploads from my app" starts from the project's trusted origins.
            model.addAttribute("uploadOrigins", String.join("\n", project.trustedOrigins()));
        }
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return VIEW;
    }

    private static @Nullable String currentDashboardOrigin() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return DashboardOrigin.of(attributes.getRequest());
        }
        return null;
    }

    /** Re-renders with one message next to {@code field}. */
    String withError(SignedInUser user, UUID connectionId, String bucket, Model model, String field, String message) {
        Map<String, String> errors = new HashMap<>();
        errors.put(field, message);
        model.addAttribute("errors", errors);
        return render(user, connectionId, bucket, model);
    }
}

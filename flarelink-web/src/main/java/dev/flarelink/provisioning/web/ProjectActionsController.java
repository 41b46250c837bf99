package dev.flarelink.provisioning.web;

import dev.flarelink.account.web.SignIns;
import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.provisioning.ProjectInputException;
import dev.flarelink.provisioning.ProjectStateException;
import dev.flarelink.provisioning.ProjectView;
import dev.flarelink.provisioning.ProvisioningService;
import dev.flarelink.provisioning.ReloadOutcome;
import dev.flarelink.provisioning.RotatedServiceKey;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What can be done to a project from its page: retry, redeploy, trusted origins, custom domain, the service key,
 * delete.
 */
@Controller
@RequestMapping("/projects/{id}")
class ProjectActionsController {

    private final ProvisioningService provisioning;
    private final SignIns signIns;

    ProjectActionsController(ProvisioningService provisioning, SignIns signIns) {
        this.provisioning = provisioning;
        this.signIns = signIns;
    }

    @PostMapping("/retry")
    String retry(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id, RedirectAttributes flash) {
        return act(id, flash, "Retrying: steps already done are kept.", () -> provisioning.retry(user.id(), id));
    }

    @PostMapping("/redeploy")
    String redeploy(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id, RedirectAttributes flash) {
        return act(
                id,
                flash,
                "Redeploying: new migrations, then the new Worker; the configuration is kept.",
                () -> provisioning.redeploy(user.id(), id));
    }

    @PostMapping("/origins")
    String changeOrigins(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String trustedOrigins,
            RedirectAttributes flash) {
        try {
            ReloadOutcome reload = provisioning.changeTrustedOrigins(user.id(), id, trustedOrigins);
            flash.addFlashAttribute("success", "Trusted origins saved. " + reload.message());
        } catch (ProjectInputException invalid) {
            flash.addFlashAttribute("originsError", invalid.fieldErrors().get("trustedOrigins"));
            flash.addFlashAttribute("originsInput", trustedOrigins);
        } catch (ProjectStateException notNow) {
            flash.addFlashAttribute("error", notNow.getMessage());
        }
        return "redirect:/projects/" + id;
    }

    @PostMapping("/domain")
    String attachDomain(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String hostname,
            @RequestParam(defaultValue = "false") boolean takeOver,
            RedirectAttributes flash) {
        try {
            return act(
                    id,
                    flash,
                    "Custom domain attached. Cloudflare creates its DNS record and certificate; allow a few minutes.",
                    () -> provisioning.attachDomain(user.id(), id, hostname, takeOver));
        } catch (ProjectInputException invalid) {
            flash.addFlashAttribute("domainError", invalid.fieldErrors().get("hostname"));
            flash.addFlashAttribute("domainInput", hostname);
            return "redirect:/projects/" + id;
        }
    }

    @PostMapping("/domain/detach")
    String detachDomain(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id, RedirectAttributes flash) {
        return act(
                id,
                flash,
                "Custom domain detached; the workers.dev address keeps working.",
                () -> provisioning.detachDomain(user.id(), id));
    }

    @PostMapping("/delete")
    String delete(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String confirmName,
            HttpServletRequest request,
            RedirectAttributes flash) {
        // Owner first (another user's id answers 404 whatever their session), then a recent sign-in.
        provisioning.get(user.id(), id);
        if (!signIns.isRecent(request)) {
            return SignIns.confirmFirst("/projects/" + id);
        }
        try {
            return act(
                    id,
                    flash,
                    "Deleting the project's resources; each step is listed below.",
                    () -> provisioning.delete(user.id(), id, confirmName));
        } catch (ProjectInputException wrongName) {
            flash.addFlashAttribute("deleteError", wrongName.fieldErrors().get("confirmName"));
            return "redirect:/projects/" + id;
        }
    }

    /** Shows the new service key once; a POST, because showing it forgets it. */
    @PostMapping("/service-key")
    String showServiceKey(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        ProjectView project = provisioning.get(user.id(), id);
        Optional<String> key = provisioning.revealServiceKey(user.id(), id);
        if (key.isEmpty()) {
            flash.addFlashAttribute("error", "The service key was already shown once; Flarelink keeps only its hash.");
            return "redirect:/projects/" + id;
        }
        return keyPage(project, key.get(), null, model, response);
    }

    @PostMapping("/service-key/rotate")
    String rotateServiceKey(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        ProjectView project = provisioning.get(user.id(), id);
        try {
            RotatedServiceKey rotated = provisioning.rotateServiceKey(user.id(), id);
            return keyPage(project, rotated.key(), rotated.reload(), model, response);
        } catch (ProjectStateException refused) {
            flash.addFlashAttribute("error", refused.getMessage());
            return "redirect:/projects/" + id;
        }
    }

    private static String keyPage(
            ProjectView project,
            String key,
            @Nullable ReloadOutcome reload,
            Model model,
            HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("project", project);
        model.addAttribute("serviceKey", key);
        model.addAttribute("reload", reload);
        return "provisioning/service-key";
    }

    private static String act(UUID id, RedirectAttributes flash, String done, Runnable action) {
        try {
            action.run();
            flash.addFlashAttribute("success", done);
        } catch (ProjectStateException notNow) {
            flash.addFlashAttribute("error", notNow.getMessage());
        }
        return "redirect:/projects/" + id;
    }
}

package dev.flarelink.provisioning.web;

import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.provisioning.ConnectionChoice;
import dev.flarelink.provisioning.ProjectInputException;
import dev.flarelink.provisioning.ProjectNotFoundException;
import dev.flarelink.provisioning.ProjectStateException;
import dev.flarelink.provisioning.ProjectView;
import dev.flarelink.provisioning.ProvisioningService;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Projects: list, New project wizard (form → plan → confirm), project page, status fragment, Retry and Delete. */
@Controller
@RequestMapping("/projects")
class ProjectsController {

    private final ProvisioningService provisioning;

    ProjectsController(ProvisioningService provisioning) {
        this.provisioning = provisioning;
    }

    @GetMapping
    String showProjects(@AuthenticationPrincipal SignedInUser user, Model model) {
        model.addAttribute("projects", provisioning.projectsOf(user.id()));
        model.addAttribute(
                "connected", !provisioning.activeConnections(user.id()).isEmpty());
        return "provisioning/index";
    }

    @GetMapping("/new")
    String showNewProject(@AuthenticationPrincipal SignedInUser user, Model model) {
        return newProjectPage(user, new ProjectForm(), model);
    }

    @PostMapping("/plan")
    String showPlan(
            @AuthenticationPrincipal SignedInUser user,
            @ModelAttribute("form") ProjectForm form,
            BindingResult errors,
            Model model) {
        try {
            model.addAttribute("plan", provisioning.plan(user.id(), form.toCommand()));
            return "provisioning/plan";
        } catch (ProjectInputException invalid) {
            invalid.fieldErrors().forEach((field, message) -> errors.rejectValue(field, "invalid", message));
            return newProjectPage(user, form, model);
        }
    }

    @PostMapping
    String createProject(
            @AuthenticationPrincipal SignedInUser user,
            @ModelAttribute("form") ProjectForm form,
            BindingResult errors,
            Model model) {
        try {
            ProjectView project = provisioning.create(user.id(), form.toCommand());
            return "redirect:/projects/" + project.id();
        } catch (ProjectInputException invalid) {
            invalid.fieldErrors().forEach((field, message) -> errors.rejectValue(field, "invalid", message));
            return newProjectPage(user, form, model);
        }
    }

    @GetMapping("/{id}")
    String showProject(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id, Model model) {
        model.addAttribute("project", provisioning.get(user.id(), id));
        return "provisioning/project";
    }

    @GetMapping("/{id}/status")
    String showStatus(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id, Model model) {
        model.addAttribute("project", provisioning.get(user.id(), id));
        return "provisioning/project :: status";
    }

    @PostMapping("/{id}/retry")
    String retry(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id, RedirectAttributes flash) {
        try {
            provisioning.retry(user.id(), id);
            flash.addFlashAttribute("success", "Retrying: steps already done are kept.");
        } catch (ProjectStateException notNow) {
            flash.addFlashAttribute("error", notNow.getMessage());
        }
        return "redirect:/projects/" + id;
    }

    @PostMapping("/{id}/delete")
    String delete(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String confirmName,
            RedirectAttributes flash) {
        try {
            provisioning.delete(user.id(), id, confirmName);
            flash.addFlashAttribute("success", "Deleting the project's resources; each step is listed below.");
        } catch (ProjectInputException wrongName) {
            flash.addFlashAttribute("deleteError", wrongName.fieldErrors().get("confirmName"));
        } catch (ProjectStateException notNow) {
            flash.addFlashAttribute("error", notNow.getMessage());
        }
        return "redirect:/projects/" + id;
    }

    /** Shows the new service key once; a POST, because showing it forgets it. */
    @PostMapping("/{id}/service-key")
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
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("project", project);
        model.addAttribute("serviceKey", key.get());
        return "provisioning/service-key";
    }

    @ExceptionHandler(ProjectNotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        model.addAttribute("status", 404);
        return "error";
    }

    private String newProjectPage(SignedInUser user, ProjectForm form, Model model) {
        List<ConnectionChoice> connections = provisioning.activeConnections(user.id());
        if (form.getConnectionId() == null && connections.size() == 1) {
            form.setConnectionId(connections.get(0).id());
        }
        model.addAttribute("form", form);
        model.addAttribute("connections", connections);
        return "provisioning/new";
    }
}

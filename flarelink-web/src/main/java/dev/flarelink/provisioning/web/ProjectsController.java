package dev.flarelink.provisioning.web;

import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.activity.ResourceProjects;
import dev.flarelink.provisioning.ConnectionChoice;
import dev.flarelink.provisioning.ProjectInputException;
import dev.flarelink.provisioning.ProjectView;
import dev.flarelink.provisioning.ProvisioningService;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** Projects: the list, the New project wizard (form → plan → confirm), the project page and its status fragment. */
@Controller
@RequestMapping("/projects")
class ProjectsController {

    private final ProvisioningService provisioning;
    private final ResourceProjects places;

    ProjectsController(ProvisioningService provisioning, ResourceProjects places) {
        this.provisioning = provisioning;
        this.places = places;
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

    /** Back from the plan page, with what was typed. */
    @PostMapping("/new")
    String editNewProject(
            @AuthenticationPrincipal SignedInUser user, @ModelAttribute("form") ProjectForm form, Model model) {
        return newProjectPage(user, form, model);
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
        // Links to the project's database, files and Activity inside Flarelink, and its attached buckets.
        model.addAttribute("places", places.placesOf(user.id(), id).orElse(null));
        return "provisioning/project";
    }

    @GetMapping("/{id}/status")
    String showStatus(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id, Model model) {
        model.addAttribute("project", provisioning.get(user.id(), id));
        return "provisioning/project :: status";
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

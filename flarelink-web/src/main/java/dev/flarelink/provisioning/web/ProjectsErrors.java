package dev.flarelink.provisioning.web;

import dev.flarelink.provisioning.ProjectNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Another user's project, or a missing one, answers the same 404 page on every Projects route. */
@ControllerAdvice(
        assignableTypes = {ProjectsController.class, ProjectActionsController.class, AuthSettingsController.class})
class ProjectsErrors {

    @ExceptionHandler(ProjectNotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        model.addAttribute("status", 404);
        return "error";
    }
}

package dev.flarelink.activity.web;

import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.activity.ActivityCursor;
import dev.flarelink.activity.ActivityEventNotFoundException;
import dev.flarelink.activity.ActivityFilter;
import dev.flarelink.activity.ActivityKind;
import dev.flarelink.activity.ActivityPage;
import dev.flarelink.activity.ActivityService;
import dev.flarelink.activity.ResourceProjects;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The Activity page, an event's detail, the exports and "Verify integrity". */
@Controller
@RequestMapping("/activity")
class ActivityController {

    private final ActivityService activity;
    private final ResourceProjects projects;

    ActivityController(ActivityService activity, ResourceProjects projects) {
        this.activity = activity;
        this.projects = projects;
    }

    @GetMapping
    String showActivity(
            @AuthenticationPrincipal SignedInUser user,
            @ModelAttribute("filter") ActivityFilterForm form,
            BindingResult errors,
            @RequestParam(name = "before", required = false) @Nullable String before,
            HttpServletRequest request,
            Model model) {
        ActivityFilter filter = form.toFilter(errors);
        ActivityCursor cursor = parseCursor(before, errors);
        model.addAttribute("outcomes", ActivityFilter.OUTCOMES);
        // The project filter offers the user's own projects by name; a typed id of anyone else's finds nothing.
        model.addAttribute("projects", projects.choicesOf(user.id()));
        model.addAttribute("kinds", ActivityKind.values());
        model.addAttribute("filtered", !filter.equals(ActivityFilter.none()));
        model.addAttribute(
                "verifying", activity.verificationInProgress(user.id()).orElse(null));
        if (errors.hasErrors()) {
            return "activity/index";
        }
        ActivityPage page = activity.page(user.id(), filter, cursor);
        model.addAttribute("page", page);
        model.addAttribute("rowsHtml", ActivityRowsHtml.of(page.events(), request.getContextPath()));
        return "activity/index";
    }

    @GetMapping("/{seq:\\d{1,18}}")
    String showEvent(@AuthenticationPrincipal SignedInUser user, @PathVariable long seq, Model model) {
        model.addAttribute("event", activity.event(user.id(), seq));
        return "activity/event";
    }

    @PostMapping("/verify")
    String verify(@AuthenticationPrincipal SignedInUser user, Model model) {
        model.addAttribute("report", activity.verifyAndRecord(user.id()));
        return "activity/verify";
    }

    @GetMapping("/export.{format:csv|jsonl}")
    ResponseEntity<StreamingResponseBody> export(
            @AuthenticationPrincipal SignedInUser user,
            @ModelAttribute("filter") ActivityFilterForm form,
            BindingResult errors,
            @PathVariable String format) {
        ActivityFilter filter = form.toFilter(errors);
        if (errors.hasErrors()) {
            return ResponseEntity.badRequest().build();
        }
        return ActivityExports.download(activity, user.id(), filter, format);
    }

    @ExceptionHandler(ActivityEventNotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        model.addAttribute("status", 404);
        return "error";
    }

    private static @Nullable ActivityCursor parseCursor(@Nullable String before, BindingResult errors) {
        if (before == null || before.isBlank()) {
            return null;
        }
        try {
            return ActivityCursor.parse(before);
        } catch (IllegalArgumentException e) {
            errors.reject("before", "That page position is not valid; start again from the newest events.");
            return null;
        }
    }
}

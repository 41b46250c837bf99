package dev.flarelink.users.web;

import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.users.AuthProject;
import dev.flarelink.users.CreateUserCommand;
import dev.flarelink.users.CreatedUser;
import dev.flarelink.users.DeletePreview;
import dev.flarelink.users.LinkOutcome;
import dev.flarelink.users.UserDetail;
import dev.flarelink.users.UserInputException;
import dev.flarelink.users.UsersProblemException;
import dev.flarelink.users.UsersQuery;
import dev.flarelink.users.UsersService;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/** A project's Authentication → Users section: the list, a user's page, creating users and confirmed actions. */
@Controller
@RequestMapping("/projects/{id}/users")
class UsersController {

    static final String PROPAGATION = "KV propagates the change to every Cloudflare location within about 60 "
            + "seconds; until then a request at a distant edge may still see a removed session.";

    private final UsersService users;

    UsersController(UsersService users) {
        this.users = users;
    }

    @GetMapping
    String list(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String order,
            @RequestParam(required = false) @Nullable String filter,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String after,
            @RequestParam(defaultValue = "false") boolean count,
            Model model,
            HttpServletResponse response) {
        UsersQuery query;
        try {
            query = UsersQuery.of(order, filter, q, after, count);
            model.addAttribute("page", users.list(user.id(), id, query));
        } catch (UserInputException invalid) {
            // Show the first page with what was wrong; nothing is read beyond it.
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", invalid.getMessage());
            query = UsersQuery.first();
            model.addAttribute("page", users.list(user.id(), id, query));
        }
        model.addAttribute("base", base(id));
        return "users/index";
    }

    @GetMapping("/new")
    String newUser(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id, Model model) {
        return createForm(user, id, model, "", "", false, Map.of());
    }

    @PostMapping
    String create(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "false") boolean invite,
            Model model) {
        try {
            CreatedUser created = users.create(user.id(), id, new CreateUserCommand(email, name, password, invite));
            model.addAttribute("project", users.project(user.id(), id));
            model.addAttribute("created", created);
            model.addAttribute("base", base(id));
            // Rendered in this response only: the generated password is never stored or put in a redirect.
            return "users/created";
        } catch (UserInputException invalid) {
            // The form again, with what was wrong beside each field (200, like the other forms of the app).
            return createForm(user, id, model, email, name, invite, invalid.fieldErrors());
        }
    }

    private String createForm(
            SignedInUser user,
            UUID id,
            Model model,
            String email,
            String name,
            boolean invite,
            Map<String, String> errors) {
        model.addAttribute("project", users.project(user.id(), id));
        model.addAttribute("emailUnavailable", users.emailUnavailable(user.id(), id));
        model.addAttribute("email", email);
        model.addAttribute("name", name);
        model.addAttribute("invite", invite);
        model.addAttribute("errors", errors);
        model.addAttribute("base", base(id));
        return "users/new";
    }

    @GetMapping("/{userId}")
    String user(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @PathVariable String userId,
            @RequestParam(required = false) @Nullable String type,
            Model model,
            HttpServletResponse response) {
        UserDetail detail;
        try {
            detail = users.user(user.id(), id, userId, type);
        } catch (UserInputException invalid) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", invalid.getMessage());
            detail = users.user(user.id(), id, userId, null);
        }
        model.addAttribute("user", detail);
        model.addAttribute("eventTypes", UserDetail.EVENT_TYPES);
        model.addAttribute("base", base(id));
        return "users/user";
    }

    // One confirmation page per action: GET shows what will happen, POST to the same address does it.

    @GetMapping("/{userId}/signout")
    String confirmSignOut(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @PathVariable String userId,
            Model model) {
        return confirm(user, id, userId, "signout", model);
    }

    @GetMapping("/{userId}/ban")
    String confirmBan(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @PathVariable String userId,
            Model model) {
        return confirm(user, id, userId, "ban", model);
    }

    @GetMapping("/{userId}/unban")
    String confirmUnban(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @PathVariable String userId,
            Model model) {
        return confirm(user, id, userId, "unban", model);
    }

    @GetMapping("/{userId}/delete")
    String confirmDelete(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @PathVariable String userId,
            Model model) {
        return confirm(user, id, userId, "delete", model);
    }

    @GetMapping("/{userId}/send-verification")
    String confirmVerification(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @PathVariable String userId,
            Model model) {
        return confirm(user, id, userId, "send-verification", model);
    }

    @GetMapping("/{userId}/send-reset")
    String confirmReset(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @PathVariable String userId,
            Model model) {
        return confirm(user, id, userId, "send-reset", model);
    }

    private String confirm(SignedInUser user, UUID id, String userId, String action, Model model) {
        UserDetail detail = users.user(user.id(), id, userId, null);
        model.addAttribute("user", detail);
        model.addAttribute("action", action);
        model.addAttribute("propagation", PROPAGATION);
        model.addAttribute("base", base(id));
        if (action.equals("delete")) {
            model.addAttribute("preview", users.previewDelete(user.id(), id, userId));
        }
        return "users/confirm";
    }

    @PostMapping("/{userId}/signout")
    String signOut(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @PathVariable String userId,
            RedirectAttributes flash) {
        return act(id, userId, flash, () -> {
            int removed = users.signOutEverywhere(user.id(), id, userId);
            return "Signed out everywhere: " + removed + " session(s) removed. " + PROPAGATION;
        });
    }

    @PostMapping("/{userId}/ban")
    String ban(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @PathVariable String userId,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "") String until,
            RedirectAttributes flash) {
        // The owner first: another user's project answers 404 whatever the form holds.
        AuthProject project = users.project(user.id(), id);
        LocalDate end;
        try {
            end = until.isBlank() ? null : LocalDate.parse(until.strip());
        } catch (DateTimeParseException notADate) {
            flash.addFlashAttribute(
                    "error", "Enter the end date as YYYY-MM-DD, or leave it empty to ban until unbanned.");
            return "redirect:" + user(id, userId) + "/ban";
        }
        try {
            int removed = users.ban(user.id(), id, userId, reason, end);
            String enforced = project.enforcesBans()
                    ? ""
                    : " The deployed Worker (" + project.deployedVersion() + ") does not enforce bans yet: Redeploy to "
                            + "0.4.0 to enforce bans.";
            flash.addFlashAttribute(
                    "success", "User banned; " + removed + " session(s) removed." + enforced + " " + PROPAGATION);
            return "redirect:" + user(id, userId);
        } catch (UserInputException invalid) {
            flash.addFlashAttribute("error", invalid.getMessage() + " Nothing was changed.");
            return "redirect:" + user(id, userId) + "/ban";
        } catch (UsersProblemException problem) {
            flash.addFlashAttribute("error", problem.getMessage());
            return "redirect:" + user(id, userId);
        }
    }

    @PostMapping("/{userId}/unban")
    String unban(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @PathVariable String userId,
            RedirectAttributes flash) {
        return act(id, userId, flash, () -> {
            users.unban(user.id(), id, userId);
            return "Ban lifted: the user can sign in again.";
        });
    }

    @PostMapping("/{userId}/delete")
    String delete(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @PathVariable String userId,
            RedirectAttributes flash) {
        try {
            DeletePreview deleted = users.delete(user.id(), id, userId);
            flash.addFlashAttribute(
                    "success",
                    "User deleted, with " + deleted.cascadedRows() + " row(s) of the app's tables, "
                            + deleted.verifications() + " verification row(s) and " + deleted.sessions()
                            + " session(s). " + PROPAGATION);
            return "redirect:" + base(id);
        } catch (UsersProblemException problem) {
            flash.addFlashAttribute("error", problem.getMessage());
            return "redirect:" + user(id, userId) + "/delete";
        }
    }

    @PostMapping("/{userId}/send-verification")
    String sendVerification(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @PathVariable String userId,
            RedirectAttributes flash) {
        return link(id, userId, flash, () -> users.sendVerification(user.id(), id, userId));
    }

    @PostMapping("/{userId}/send-reset")
    String sendReset(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @PathVariable String userId,
            RedirectAttributes flash) {
        return link(id, userId, flash, () -> users.sendReset(user.id(), id, userId));
    }

    private String link(
            UUID id, String userId, RedirectAttributes flash, java.util.function.Supplier<LinkOutcome> send) {
        try {
            LinkOutcome outcome = send.get();
            flash.addFlashAttribute(outcome.sent() ? "success" : "error", outcome.message());
        } catch (UsersProblemException refused) {
            flash.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:" + user(id, userId);
    }

    private String act(UUID id, String userId, RedirectAttributes flash, java.util.function.Supplier<String> action) {
        try {
            flash.addFlashAttribute("success", action.get());
        } catch (UsersProblemException problem) {
            flash.addFlashAttribute("error", problem.getMessage());
        }
        return "redirect:" + user(id, userId);
    }

    /** A read that Cloudflare failed: the page says why and what to do. */
    @ExceptionHandler(UsersProblemException.class)
    ModelAndView problem(UsersProblemException problem) {
        ModelAndView page = new ModelAndView("users/problem");
        page.setStatus(HttpStatus.BAD_GATEWAY);
        page.addObject("message", problem.getMessage());
        return page;
    }

    /** The user's page address, the id encoded as one path segment. */
    private static String user(UUID projectId, String userId) {
        return base(projectId) + "/" + UriUtils.encodePathSegment(userId, StandardCharsets.UTF_8);
    }

    private static String base(UUID projectId) {
        return "/projects/" + projectId + "/users";
    }
}

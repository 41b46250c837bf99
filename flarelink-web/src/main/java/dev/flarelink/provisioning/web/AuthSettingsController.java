package dev.flarelink.provisioning.web;

import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.provisioning.AuthSettings;
import dev.flarelink.provisioning.AuthSettingsCommands;
import dev.flarelink.provisioning.AuthSettingsService;
import dev.flarelink.provisioning.EmailTemplates;
import dev.flarelink.provisioning.ProjectInputException;
import dev.flarelink.provisioning.ProjectStateException;
import dev.flarelink.provisioning.WorkerTestEmail;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Authentication → Settings of a project: email, templates, Google and GitHub sign-in, hashing strength. Every
 * setting is read from and written to the project's own {@code flarelink_config}; secrets are never shown again.
 */
@Controller
@RequestMapping("/projects/{id}/auth")
class AuthSettingsController {

    /**
     * The preview frame's own policy: nothing may load or run (no script, no outside image or font), inline styles
     * only, and only this dashboard may frame it. The iframe carries {@code sandbox} as well.
     */
    static final String PREVIEW_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            + "frame-ancestors 'self'; form-action 'none'; base-uri 'none'; sandbox";

    private final AuthSettingsService settings;

    AuthSettingsController(AuthSettingsService settings) {
        this.settings = settings;
    }

    @GetMapping
    String page(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id, Model model) {
        try {
            AuthSettings current = settings.read(user.id(), id);
            model.addAttribute("settings", current);
            Map<String, Map<String, String>> previews = new LinkedHashMap<>();
            for (String kind : EmailTemplates.KINDS) {
                Map<String, String> parts = new LinkedHashMap<>();
                parts.put("subject", settings.preview(current, kind, "subject"));
                parts.put("text", settings.preview(current, kind, "text"));
                previews.put(kind, parts);
            }
            model.addAttribute("previews", previews);
        } catch (ProjectStateException notNow) {
            model.addAttribute("unavailable", notNow.getMessage());
        }
        model.addAttribute("projectId", id);
        model.addAttribute("kinds", EmailTemplates.KINDS);
        return "provisioning/auth";
    }

    @PostMapping("/email")
    String saveEmail(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "none") String provider,
            @RequestParam(defaultValue = "") String from,
            @RequestParam(defaultValue = "") String appName,
            @RequestParam(defaultValue = "") String resendKey,
            @RequestParam(defaultValue = "false") boolean requireEmailVerification,
            @RequestParam(defaultValue = "false") boolean sendVerificationOnSignUp,
            @RequestParam(defaultValue = "false") boolean magicLinkEnabled,
            @RequestParam(defaultValue = "false") boolean magicLinkDisableSignUp,
            RedirectAttributes flash) {
        AuthSettingsCommands.Email form = new AuthSettingsCommands.Email(
                provider,
                from,
                appName,
                resendKey,
                requireEmailVerification,
                sendVerificationOnSignUp,
                magicLinkEnabled,
                magicLinkDisableSignUp);
        // The key itself is never sent back to the page, even when the form is refused.
        return save(
                id,
                flash,
                "email",
                Map.of("provider", provider, "from", from, "appName", appName),
                () -> settings.saveEmail(user.id(), id, form));
    }

    @PostMapping("/providers")
    String saveProviders(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String googleClientId,
            @RequestParam(defaultValue = "") String googleClientSecret,
            @RequestParam(defaultValue = "") String githubClientId,
            @RequestParam(defaultValue = "") String githubClientSecret,
            RedirectAttributes flash) {
        AuthSettingsCommands.Providers form = new AuthSettingsCommands.Providers(
                googleClientId, googleClientSecret, githubClientId, githubClientSecret);
        return save(
                id,
                flash,
                "providers",
                Map.of("googleClientId", googleClientId, "githubClientId", githubClientId),
                () -> settings.saveProviders(user.id(), id, form));
    }

    @PostMapping("/templates")
    String saveTemplates(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @RequestParam Map<String, String> fields,
            RedirectAttributes flash) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String kind : EmailTemplates.KINDS) {
            for (String part : EmailTemplates.PARTS) {
                parts.put(kind + "." + part, fields.getOrDefault(kind + "." + part, ""));
            }
        }
        return save(
                id,
                flash,
                "templates",
                parts,
                () -> settings.saveTemplates(user.id(), id, new AuthSettingsCommands.Templates(parts)));
    }

    @PostMapping("/hashing")
    String saveHashing(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String strength,
            RedirectAttributes flash) {
        return save(id, flash, "hashing", Map.of(), () -> settings.saveHashing(user.id(), id, strength));
    }

    @PostMapping("/test-email")
    String testEmail(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String to,
            @RequestParam(defaultValue = "") String template,
            RedirectAttributes flash) {
        try {
            WorkerTestEmail.Result result = settings.sendTestEmail(user.id(), id, to, template);
            flash.addFlashAttribute(result.sent() ? "success" : "error", "Test email: " + result.message());
        } catch (ProjectInputException invalid) {
            flash.addFlashAttribute("testErrors", invalid.fieldErrors());
        } catch (ProjectStateException notNow) {
            flash.addFlashAttribute("error", notNow.getMessage());
        }
        flash.addFlashAttribute("testTo", to);
        return "redirect:/projects/" + id + "/auth#test-email";
    }

    /** The saved HTML part, rendered with an example link, for the sandboxed preview frame. */
    @GetMapping("/preview/{kind:verify|reset|magic-link}")
    ResponseEntity<String> preview(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @PathVariable String kind,
            HttpServletResponse response) {
        String html;
        try {
            html = settings.preview(settings.read(user.id(), id), kind, "html");
        } catch (ProjectStateException notNow) {
            return ResponseEntity.status(409)
                    .contentType(MediaType.TEXT_PLAIN)
                    .header("Cache-Control", "no-store")
                    .body(notNow.getMessage());
        }
        // Set before Spring Security's header writer runs, which keeps a policy the response already has; the
        // security configuration sends X-Frame-Options: SAMEORIGIN on this path only.
        response.setHeader("Content-Security-Policy", PREVIEW_POLICY);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
                .header("Cache-Control", "no-store")
                .body("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + html + "</body></html>");
    }

    private static String save(
            UUID id, RedirectAttributes flash, String section, Map<String, String> input, Supplier<String> action) {
        try {
            flash.addFlashAttribute("success", action.get());
        } catch (ProjectInputException invalid) {
            flash.addFlashAttribute(section + "Errors", invalid.fieldErrors());
            flash.addFlashAttribute(section + "Input", input);
        } catch (ProjectStateException notNow) {
            flash.addFlashAttribute("error", notNow.getMessage());
        }
        return "redirect:/projects/" + id + "/auth#" + section;
    }
}

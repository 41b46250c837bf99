package dev.flarelink.apikey.web;

import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.apikey.ApiKeyProblemException;
import dev.flarelink.apikey.ApiKeyService;
import dev.flarelink.apikey.ApiKeyView;
import dev.flarelink.apikey.CreateApiKeyCommand;
import dev.flarelink.apikey.CreatedApiKey;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The API keys page. A new key is shown in the answer to the form itself, never through a redirect: a flash
 * attribute would put the key into the HTTP session, which lives in PostgreSQL.
 */
@Controller
@RequestMapping("/account/api-keys")
class ApiKeysController {

    private final ApiKeyService keys;
    private final Clock clock;

    ApiKeysController(ApiKeyService keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @GetMapping
    String page(@AuthenticationPrincipal SignedInUser user, Model model, HttpServletRequest request) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new ApiKeyForm());
        }
        return show(user, model, request);
    }

    @PostMapping
    String create(
            @AuthenticationPrincipal SignedInUser user,
            @ModelAttribute("form") ApiKeyForm form,
            BindingResult errors,
            Model model,
            HttpServletRequest request) {
        CreateApiKeyCommand command = form.toCommand();
        if (command == null) {
            errors.rejectValue(
                    "expiresInDays",
                    "apikey",
                    "Type a whole number of days (1–3650), or leave it empty for no expiry.");
            return show(user, model, request);
        }
        try {
            CreatedApiKey created = keys.create(user.id(), command);
            model.addAttribute("created", created);
            model.addAttribute("form", new ApiKeyForm());
        } catch (ApiKeyProblemException problem) {
            errors.rejectValue(problem.field(), "apikey", String.valueOf(problem.getMessage()));
        }
        return show(user, model, request);
    }

    @GetMapping("/{id}/revoke")
    String confirmRevoke(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id, Model model) {
        model.addAttribute("key", keys.get(user.id(), id));
        return "account/api-key-revoke";
    }

    @PostMapping("/{id}/revoke")
    String revoke(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id, RedirectAttributes redirect) {
        ApiKeyView key = keys.revoke(user.id(), id);
        redirect.addFlashAttribute(
                "success",
                "Key \"" + key.name() + "\" (" + key.prefix() + "…) is revoked: it answers 401 from now on.");
        return "redirect:/account/api-keys";
    }

    private String show(SignedInUser user, Model model, HttpServletRequest request) {
        model.addAttribute("keys", keys.keysOf(user.id()));
        model.addAttribute("now", clock.instant());
        model.addAttribute(
                "baseUrl",
                ServletUriComponentsBuilder.fromContextPath(request).build().toUriString());
        return "account/api-keys";
    }
}

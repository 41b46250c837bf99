package dev.flarelink.files.web;

import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.cloudflare.errors.CloudflareException;
import dev.flarelink.files.AllowUploadsCommand;
import dev.flarelink.files.BucketService;
import dev.flarelink.files.CloudflareProblems;
import dev.flarelink.files.CorsCheckCommand;
import dev.flarelink.files.CorsRuleCommand;
import dev.flarelink.files.CorsService;
import dev.flarelink.files.DeleteBucketCommand;
import dev.flarelink.files.FilesProblemException;
import dev.flarelink.files.S3UnreachableException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A bucket's page: delete it, its CORS rules (preset, custom, delete) and the live preflight check. */
@Controller
class BucketController {

    private static final String BASE = "/files/{connectionId}/{bucket}";

    private final BucketService buckets;
    private final CorsService cors;
    private final BucketPage page;

    BucketController(BucketService buckets, CorsService cors, BucketPage page) {
        this.buckets = buckets;
        this.cors = cors;
        this.page = page;
    }

    @GetMapping(BASE)
    String show(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String bucket,
            Model model) {
        return page.render(user, connectionId, bucket, model);
    }

    @PostMapping(BASE + "/delete")
    String delete(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String bucket,
            @RequestParam(required = false) @Nullable String typedName,
            Model model,
            RedirectAttributes redirect) {
        return attempt(user, connectionId, bucket, model, redirect, "Bucket " + bucket + " deleted.", "/files", () -> {
            buckets.delete(user.id(), new DeleteBucketCommand(connectionId, bucket, typedName));
            return null;
        });
    }

    @PostMapping(BASE + "/cors/uploads")
    String allowUploads(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String bucket,
            @RequestParam(required = false) @Nullable String origins,
            HttpServletRequest request,
            Model model,
            RedirectAttributes redirect) {
        model.addAttribute("uploadOrigins", origins);
        String dashboard = DashboardOrigin.of(request);
        return attempt(
                user,
                connectionId,
                bucket,
                model,
                redirect,
                "Uploads allowed from your app.",
                null,
                () -> cors.allowUploads(user.id(), new AllowUploadsCommand(connectionId, bucket, origins, dashboard)));
    }

    @PostMapping(BASE + "/cors/rules")
    String addRule(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String bucket,
            @RequestParam(required = false) @Nullable String origins,
            @RequestParam(required = false) @Nullable List<String> methods,
            @RequestParam(required = false) @Nullable String headers,
            @RequestParam(required = false) @Nullable String exposeHeaders,
            @RequestParam(required = false) @Nullable String maxAgeSeconds,
            Model model,
            RedirectAttributes redirect) {
        model.addAttribute("rule", new RuleForm(origins, methods, headers, exposeHeaders, maxAgeSeconds));
        CorsRuleCommand command =
                new CorsRuleCommand(connectionId, bucket, origins, methods, headers, exposeHeaders, maxAgeSeconds);
        return attempt(
                user,
                connectionId,
                bucket,
                model,
                redirect,
                "CORS rule added.",
                null,
                () -> cors.addRule(user.id(), command));
    }

    @PostMapping(BASE + "/cors/rules/{index}/delete")
    String deleteRule(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String bucket,
            @PathVariable int index,
            Model model,
            RedirectAttributes redirect) {
        return attempt(
                user,
                connectionId,
                bucket,
                model,
                redirect,
                "CORS rule removed.",
                null,
                () -> cors.deleteRule(user.id(), connectionId, bucket, index));
    }

    @PostMapping(BASE + "/cors/delete")
    String deleteAll(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String bucket,
            Model model,
            RedirectAttributes redirect) {
        return attempt(user, connectionId, bucket, model, redirect, "CORS policy removed.", null, () -> {
            cors.deleteAll(user.id(), connectionId, bucket);
            return null;
        });
    }

    @PostMapping(BASE + "/cors/check")
    String check(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String bucket,
            @RequestParam(required = false) @Nullable String origin,
            @RequestParam(required = false) @Nullable String method,
            @RequestParam(required = false) @Nullable String headers,
            Model model) {
        model.addAttribute("checkForm", new CheckForm(origin, method, headers));
        try {
            model.addAttribute(
                    "check",
                    cors.check(user.id(), new CorsCheckCommand(connectionId, bucket, origin, method, headers)));
            return page.render(user, connectionId, bucket, model);
        } catch (FilesProblemException problem) {
            return page.withError(user, connectionId, bucket, model, problem.field(), problem.getMessage());
        } catch (S3UnreachableException unreachable) {
            return page.withError(user, connectionId, bucket, model, "origin", unreachable.getMessage());
        }
    }

    /** Runs a change; success redirects (with a flash message), a refusal re-renders the page with its message. */
    private String attempt(
            SignedInUser user,
            UUID connectionId,
            String bucket,
            Model model,
            RedirectAttributes redirect,
            String success,
            @Nullable String target,
            Supplier<?> change) {
        try {
            change.get();
            redirect.addFlashAttribute("success", success);
            return "redirect:" + (target == null ? "/files/" + connectionId + "/" + bucket : target);
        } catch (FilesProblemException problem) {
            return page.withError(user, connectionId, bucket, model, problem.field(), problem.getMessage());
        } catch (CloudflareException failure) {
            return page.withError(user, connectionId, bucket, model, "cloudflare", CloudflareProblems.explain(failure));
        }
    }

    /** The custom-rule form as typed, to refill it after a refusal. */
    record RuleForm(
            @Nullable String origins,
            @Nullable List<String> methods,
            @Nullable String headers,
            @Nullable String exposeHeaders,
            @Nullable String maxAgeSeconds) {}

    /** The live-check form as typed. */
    record CheckForm(
            @Nullable String origin,
            @Nullable String method,
            @Nullable String headers) {}
}

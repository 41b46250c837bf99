package dev.flarelink.files.web;

import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.cloudflare.errors.CloudflareException;
import dev.flarelink.files.CloudflareProblems;
import dev.flarelink.files.FilesProblemException;
import dev.flarelink.files.MintedKey;
import dev.flarelink.files.PastedKeyCommand;
import dev.flarelink.files.R2KeyService;
import dev.flarelink.files.S3UnreachableException;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * R2 keys of a bucket. A minted keypair is rendered in the response to the POST itself (no redirect, no flash, no
 * session): once the page is left, nobody can show it again.
 */
@Controller
class KeysController {

    private static final String BASE = "/files/{connectionId}/{bucket}/keys";

    private final R2KeyService keys;
    private final BucketPage page;

    KeysController(R2KeyService keys, BucketPage page) {
        this.keys = keys;
        this.page = page;
    }

    @PostMapping(BASE)
    String mint(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String bucket,
            Model model) {
        return shown(user, connectionId, bucket, model, () -> keys.mint(user.id(), connectionId, bucket));
    }

    @PostMapping(BASE + "/{keyId}/regenerate")
    String regenerate(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String bucket,
            @PathVariable UUID keyId,
            Model model) {
        return shown(user, connectionId, bucket, model, () -> keys.regenerate(user.id(), connectionId, keyId));
    }

    @PostMapping(BASE + "/{keyId}/revoke")
    String revoke(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String bucket,
            @PathVariable UUID keyId,
            Model model,
            RedirectAttributes redirect) {
        try {
            keys.revoke(user.id(), connectionId, keyId);
        } catch (FilesProblemException problem) {
            return page.withError(user, connectionId, bucket, model, problem.field(), problem.getMessage());
        } catch (CloudflareException failure) {
            return page.withError(user, connectionId, bucket, model, "key", CloudflareProblems.explain(failure));
        }
        redirect.addFlashAttribute("success", "Key revoked: it no longer works.");
        return "redirect:/files/" + connectionId + "/" + bucket;
    }

    @PostMapping(BASE + "/test")
    String test(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String bucket,
            @RequestParam(required = false) @Nullable String accessKeyId,
            @RequestParam(required = false) @Nullable String secretAccessKey,
            Model model) {
        // The access key id is not secret and is refilled; the secret never goes back into the page.
        model.addAttribute("pastedAccessKeyId", accessKeyId);
        try {
            model.addAttribute(
                    "capabilities",
                    keys.test(user.id(), new PastedKeyCommand(connectionId, bucket, accessKeyId, secretAccessKey)));
            return page.render(user, connectionId, bucket, model);
        } catch (FilesProblemException problem) {
            return page.withError(user, connectionId, bucket, model, problem.field(), problem.getMessage());
        } catch (S3UnreachableException unreachable) {
            return page.withError(user, connectionId, bucket, model, "accessKeyId", unreachable.getMessage());
        }
    }

    private String shown(SignedInUser user, UUID connectionId, String bucket, Model model, Supplier<MintedKey> mint) {
        try {
            model.addAttribute("minted", mint.get());
            model.addAttribute("base", "/files/" + connectionId + "/" + bucket);
            model.addAttribute("bucketName", bucket);
            return "files/key-shown";
        } catch (FilesProblemException problem) {
            return page.withError(user, connectionId, bucket, model, problem.field(), problem.getMessage());
        } catch (CloudflareException failure) {
            return page.withError(user, connectionId, bucket, model, "mint", CloudflareProblems.explain(failure));
        }
    }
}

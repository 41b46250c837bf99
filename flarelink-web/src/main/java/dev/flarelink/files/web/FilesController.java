package dev.flarelink.files.web;

import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.cloudflare.errors.CloudflareException;
import dev.flarelink.files.BucketService;
import dev.flarelink.files.BucketView;
import dev.flarelink.files.CloudflareProblems;
import dev.flarelink.files.CreateBucketCommand;
import dev.flarelink.files.FilesProblemException;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** {@code /files}: every connection's buckets, and creating a bucket. */
@Controller
class FilesController {

    private final BucketService buckets;

    FilesController(BucketService buckets) {
        this.buckets = buckets;
    }

    @GetMapping("/files")
    String index(@AuthenticationPrincipal SignedInUser user, Model model) {
        return page(user, model, null, Map.of());
    }

    @PostMapping("/files/{connectionId}/buckets")
    String create(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable String locationHint,
            Model model,
            RedirectAttributes redirect) {
        try {
            BucketView bucket = buckets.create(user.id(), new CreateBucketCommand(connectionId, name, locationHint));
            redirect.addFlashAttribute("success", "Bucket " + bucket.name() + " created.");
            return "redirect:/files/" + connectionId + "/" + bucket.name();
        } catch (FilesProblemException problem) {
            model.addAttribute("name", name);
            model.addAttribute("locationHint", locationHint);
            return page(user, model, connectionId, Map.of(problem.field(), problem.getMessage()));
        } catch (CloudflareException failure) {
            model.addAttribute("name", name);
            return page(user, model, connectionId, Map.of("cloudflare", CloudflareProblems.explain(failure)));
        }
    }

    private String page(SignedInUser user, Model model, @Nullable UUID failedConnection, Map<String, String> errors) {
        model.addAttribute("connections", buckets.bucketsOf(user.id()));
        model.addAttribute("failedConnection", failedConnection);
        model.addAttribute("errors", errors);
        return "files/index";
    }
}

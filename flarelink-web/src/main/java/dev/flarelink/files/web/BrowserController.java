package dev.flarelink.files.web;

import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.cloudflare.errors.CloudflareException;
import dev.flarelink.files.BucketService;
import dev.flarelink.files.CloudflareProblems;
import dev.flarelink.files.FileBrowserService;
import dev.flarelink.files.FilesProblemException;
import dev.flarelink.files.ProjectFilesService;
import dev.flarelink.files.S3UnreachableException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The file browser of a bucket attached to a project, and attaching a bucket to a project. Uploads and downloads
 * go through presigned URLs: the browser talks to R2, Flarelink only signs.
 */
@Controller
class BrowserController {

    private static final String BASE = "/files/{connectionId}/{bucket}";

    private final FileBrowserService browser;
    private final ProjectFilesService projects;
    private final BucketService buckets;
    private final BucketPage page;

    BrowserController(
            FileBrowserService browser, ProjectFilesService projects, BucketService buckets, BucketPage page) {
        this.browser = browser;
        this.projects = projects;
        this.buckets = buckets;
        this.page = page;
    }

    @PostMapping(BASE + "/project")
    String attach(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String bucket,
            @RequestParam(required = false) @Nullable UUID projectId,
            Model model,
            RedirectAttributes redirect) {
        if (projectId == null) {
            return page.withError(user, connectionId, bucket, model, "project", "Choose the project first.");
        }
        try {
            String name =
                    projects.attach(user.id(), connectionId, bucket, projectId).name();
            redirect.addFlashAttribute("success", bucket + " is now attached to " + name + ".");
            return "redirect:/files/" + connectionId + "/" + bucket;
        } catch (FilesProblemException problem) {
            return page.withError(user, connectionId, bucket, model, "project", problem.getMessage());
        }
    }

    @GetMapping(BASE + "/objects")
    String objects(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String bucket,
            @RequestParam(defaultValue = "") String prefix,
            Model model) {
        model.addAttribute("bucketName", bucket);
        model.addAttribute("base", "/files/" + connectionId + "/" + bucket);
        try {
            model.addAttribute("listing", browser.list(user.id(), connectionId, bucket, prefix));
        } catch (FilesProblemException | S3UnreachableException problem) {
            model.addAttribute("problem", problem.getMessage());
        } catch (CloudflareException failure) {
            model.addAttribute("problem", CloudflareProblems.explain(failure));
        }
        return "files/objects";
    }

    /** The presigned PUT for one file, asked for by files-upload.js (POST: it carries the CSRF token). */
    @PostMapping(BASE + "/objects/upload-url")
    @ResponseBody
    ResponseEntity<Map<String, String>> uploadUrl(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String bucket,
            @RequestParam(defaultValue = "") String key) {
        try {
            String url = browser.uploadUrl(user.id(), connectionId, bucket, key).toString();
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("key", key, "url", url));
        } catch (FilesProblemException problem) {
            return ResponseEntity.badRequest().body(Map.of("key", key, "error", problem.getMessage()));
        }
    }

    @GetMapping(BASE + "/objects/download")
    String download(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String bucket,
            @RequestParam String key) {
        return "redirect:" + browser.downloadUrl(user.id(), connectionId, bucket, key);
    }

    /** First asks to confirm (stating how many), then deletes. */
    @PostMapping(BASE + "/objects/delete")
    String delete(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String bucket,
            @RequestParam(required = false) @Nullable List<String> keys,
            @RequestParam(defaultValue = "") String prefix,
            @RequestParam(defaultValue = "false") boolean confirmed,
            Model model,
            RedirectAttributes redirect) {
        // Another user's connection answers 404 before anything, the confirmation page included.
        buckets.connection(user.id(), connectionId);
        List<String> chosen = keys == null ? List.of() : keys;
        String back = "redirect:/files/" + connectionId + "/" + bucket + "/objects?prefix=" + encode(prefix);
        if (chosen.isEmpty()) {
            redirect.addFlashAttribute("problem", "Tick the files to delete first.");
            return back;
        }
        if (!confirmed) {
            model.addAttribute("bucketName", bucket);
            model.addAttribute("base", "/files/" + connectionId + "/" + bucket);
            model.addAttribute("keys", chosen);
            model.addAttribute("prefix", prefix);
            return "files/objects-delete";
        }
        try {
            int deleted = browser.delete(user.id(), connectionId, bucket, chosen);
            redirect.addFlashAttribute("success", deleted + (deleted == 1 ? " file" : " files") + " deleted.");
        } catch (FilesProblemException problem) {
            redirect.addFlashAttribute("problem", problem.getMessage());
        }
        return back;
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }
}

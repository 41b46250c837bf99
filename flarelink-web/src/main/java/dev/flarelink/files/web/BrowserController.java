package dev.flarelink.files.web;

import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.cloudflare.errors.CloudflareException;
import dev.flarelink.files.BucketService;
import dev.flarelink.files.CloudflareProblems;
import dev.flarelink.files.CorsService;
import dev.flarelink.files.DetachPreview;
import dev.flarelink.files.FileBrowserService;
import dev.flarelink.files.FilesProblemException;
import dev.flarelink.files.MultipartSettings;
import dev.flarelink.files.MultipartUploadService;
import dev.flarelink.files.ObjectListing;
import dev.flarelink.files.ProjectFilesService;
import dev.flarelink.files.S3UnreachableException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The file browser of a bucket attached to a project (one page of 1,000 entries at a time), and attaching a bucket
 * to a project or detaching it. Uploads (in parts above the multipart threshold) and downloads go through presigned
 * URLs: the browser talks to R2, Flarelink only signs.
 */
@Controller
class BrowserController {

    private static final String BASE = "/files/{connectionId}/{bucket}";

    private final FileBrowserService browser;
    private final ProjectFilesService projects;
    private final MultipartUploadService multipart;
    private final MultipartSettings multipartSettings;
    private final BucketService buckets;
    private final BucketPage page;
    private final CorsService cors;

    BrowserController(
            FileBrowserService browser,
            ProjectFilesService projects,
            MultipartUploadService multipart,
            MultipartSettings multipartSettings,
            BucketService buckets,
            BucketPage page,
            CorsService cors) {
        this.cors = cors;
        this.browser = browser;
        this.projects = projects;
        this.multipart = multipart;
        this.multipartSettings = multipartSettings;
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

    /** First shows what detaching changes (and what it leaves alone), then detaches. */
    @PostMapping(BASE + "/project/detach")
    String detach(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String bucket,
            @RequestParam(required = false) @Nullable UUID projectId,
            @RequestParam(defaultValue = "false") boolean confirmed,
            Model model,
            RedirectAttributes redirect) {
        if (projectId == null) {
            return page.withError(user, connectionId, bucket, model, "project", "Say which project to detach from.");
        }
        try {
            if (!confirmed) {
                model.addAttribute("bucketName", bucket);
                model.addAttribute("base", "/files/" + connectionId + "/" + bucket);
                model.addAttribute("preview", projects.previewDetach(user.id(), connectionId, bucket, projectId));
                return "files/detach";
            }
            DetachPreview done = projects.detach(user.id(), connectionId, bucket, projectId);
            String key = done.keyRemoved()
                    ? " R2 key " + done.configuredKeyId() + " was removed from its configuration (not revoked)."
                    : "";
            redirect.addFlashAttribute(
                    "success",
                    bucket + " is no longer attached to " + done.project().name()
                            + ". The bucket and its files are unchanged." + key);
            return "redirect:/files/" + connectionId + "/" + bucket;
        } catch (FilesProblemException problem) {
            return page.withError(user, connectionId, bucket, model, "project", problem.getMessage());
        } catch (CloudflareException failure) {
            return page.withError(user, connectionId, bucket, model, "project", CloudflareProblems.explain(failure));
        }
    }

    @GetMapping(BASE + "/objects")
    String objects(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String bucket,
            @RequestParam(defaultValue = "") String prefix,
            @RequestParam(name = "page", required = false) @Nullable String pageToken,
            @RequestParam(name = "n", defaultValue = "1") int pageNumber,
            HttpServletRequest request,
            Model model) {
        model.addAttribute("bucketName", bucket);
        model.addAttribute("base", "/files/" + connectionId + "/" + bucket);
        model.addAttribute("pageSize", browser.pageSize());
        model.addAttribute("multipartThreshold", multipartSettings.threshold());
        model.addAttribute("multipartThresholdText", ObjectListing.Entry.readable(multipartSettings.threshold()));
        // The page number is only a label for the page (the token says where R2 continues).
        model.addAttribute("pageNumber", pageToken == null || pageToken.isEmpty() ? 1 : Math.max(2, pageNumber));
        try {
            model.addAttribute("listing", browser.list(user.id(), connectionId, bucket, prefix, pageToken));
            // Said before the first upload fails: this page uploads from the dashboard's own origin.
            String dashboard = DashboardOrigin.of(request);
            model.addAttribute("dashboardOrigin", dashboard);
            model.addAttribute(
                    "uploadsBlocked",
                    dashboard != null && !cors.allowsUploadsFrom(user.id(), connectionId, bucket, dashboard));
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

    /** Starts a multipart upload for a file above the threshold (files-upload.js); answers its id and part size. */
    @PostMapping(BASE + "/objects/multipart/start")
    @ResponseBody
    ResponseEntity<Map<String, Object>> startMultipart(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String bucket,
            @RequestParam(defaultValue = "") String key,
            @RequestParam(defaultValue = "0") long size,
            @RequestParam(defaultValue = "") String contentType) {
        return json(user, connectionId, key, () -> {
            MultipartUploadService.Started started =
                    multipart.start(user.id(), connectionId, bucket, key, size, contentType);
            return Map.of(
                    "key", key,
                    "uploadId", started.uploadId(),
                    "partSize", started.partSize(),
                    "partCount", started.partCount());
        });
    }

    /** Presigned PUTs for a few parts at a time, so each is used well within its 15 minutes. */
    @PostMapping(BASE + "/objects/multipart/parts")
    @ResponseBody
    ResponseEntity<Map<String, Object>> partUrls(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String bucket,
            @RequestParam(defaultValue = "") String key,
            @RequestParam(defaultValue = "") String uploadId,
            @RequestParam(defaultValue = "1") int from,
            @RequestParam(defaultValue = "1") int count) {
        return json(user, connectionId, key, () -> {
            return Map.of(
                    "key",
                    key,
                    "parts",
                    multipart.partUrls(user.id(), connectionId, bucket, key, uploadId, from, count).stream()
                            .map(p -> Map.of(
                                    "partNumber", p.partNumber(), "url", p.url().toString()))
                            .toList());
        });
    }

    /** Puts the uploaded parts together: {@code partNumber} and {@code etag} are repeated, in the same order. */
    @PostMapping(BASE + "/objects/multipart/complete")
    @ResponseBody
    ResponseEntity<Map<String, Object>> completeMultipart(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String bucket,
            @RequestParam(defaultValue = "") String key,
            @RequestParam(defaultValue = "") String uploadId,
            @RequestParam(required = false) @Nullable List<Integer> partNumber,
            @RequestParam(required = false) @Nullable List<String> etag) {
        List<Integer> numbers = partNumber == null ? List.of() : partNumber;
        List<String> etags = etag == null ? List.of() : etag;
        return json(user, connectionId, key, () -> {
            if (numbers.size() != etags.size()) {
                throw new FilesProblemException("upload", "Each part needs its number and its ETag.");
            }
            List<MultipartUploadService.CompletedPart> parts = new java.util.ArrayList<>();
            for (int i = 0; i < numbers.size(); i++) {
                parts.add(new MultipartUploadService.CompletedPart(numbers.get(i), etags.get(i)));
            }
            return Map.of(
                    "key", key, "etag", multipart.complete(user.id(), connectionId, bucket, key, uploadId, parts));
        });
    }

    /** Abandons an upload after a failed part or a cancel: R2 drops the parts, no object is made. */
    @PostMapping(BASE + "/objects/multipart/abort")
    @ResponseBody
    ResponseEntity<Map<String, Object>> abortMultipart(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String bucket,
            @RequestParam(defaultValue = "") String key,
            @RequestParam(defaultValue = "") String uploadId) {
        return json(user, connectionId, key, () -> {
            multipart.abort(user.id(), connectionId, bucket, key, uploadId);
            return Map.of("key", key, "aborted", true);
        });
    }

    /**
     * A JSON answer for files-upload.js: the body, or 400 with the message that says what was wrong. Whose
     * connection it is comes first, so another user's id answers 404 whatever else is wrong with the request.
     */
    private ResponseEntity<Map<String, Object>> json(
            SignedInUser user, UUID connectionId, String key, Supplier<Map<String, Object>> action) {
        buckets.connection(user.id(), connectionId);
        try {
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(action.get());
        } catch (FilesProblemException | S3UnreachableException problem) {
            return ResponseEntity.badRequest().body(Map.of("key", key, "error", problem.getMessage()));
        } catch (CloudflareException failure) {
            return ResponseEntity.badRequest().body(Map.of("key", key, "error", CloudflareProblems.explain(failure)));
        }
    }

    /** A bad key or a bucket without a project's key is the user's input: a 400 page that says what is wrong. */
    @GetMapping(BASE + "/objects/download")
    ModelAndView download(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String bucket,
            @RequestParam String key) {
        try {
            return new ModelAndView("redirect:" + browser.downloadUrl(user.id(), connectionId, bucket, key));
        } catch (FilesProblemException problem) {
            ModelAndView page = new ModelAndView("error");
            page.setStatus(HttpStatus.BAD_REQUEST);
            page.addObject("status", 400);
            page.addObject("problem", problem.getMessage());
            return page;
        }
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

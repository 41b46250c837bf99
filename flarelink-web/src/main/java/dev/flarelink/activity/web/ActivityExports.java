package dev.flarelink.activity.web;

import dev.flarelink.activity.ActivityExportFormat;
import dev.flarelink.activity.ActivityFilter;
import dev.flarelink.activity.ActivityService;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The Activity export as a download, one way for the page and the JSON API: streamed, never held in memory. */
public final class ActivityExports {

    private ActivityExports() {}

    /** {@code extension} is {@code csv} or {@code jsonl}, as the routes' path variable allows. */
    public static ResponseEntity<StreamingResponseBody> download(
            ActivityService activity, UUID userId, ActivityFilter filter, String extension) {
        ActivityExportFormat chosen =
                extension.equals("jsonl") ? ActivityExportFormat.JSON_LINES : ActivityExportFormat.CSV;
        StreamingResponseBody body = out -> activity.export(userId, filter, chosen, out);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(chosen.mediaType() + ";charset=UTF-8"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"flarelink-activity." + chosen.extension() + "\"")
                .body(body);
    }
}

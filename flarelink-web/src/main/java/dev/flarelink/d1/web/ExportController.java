package dev.flarelink.d1.web;

import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.d1.CsvExport;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Downloads a whole table as CSV, streamed as it is read. */
@Controller
@RequestMapping("/database" + DatabaseController.DB)
class ExportController {

    private final CsvExport export;

    ExportController(CsvExport export) {
        this.export = export;
    }

    @GetMapping("/export.csv")
    void exportTable(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String databaseId,
            @RequestParam String name,
            HttpServletResponse response)
            throws IOException {
        export.exportTable(user.id(), connectionId, databaseId, name, () -> {
            response.setContentType("text/csv;charset=UTF-8");
            response.setHeader(
                    HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment()
                            .filename(fileName(name) + ".csv", StandardCharsets.UTF_8)
                            .build()
                            .toString());
            try {
                return response.getWriter();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The table's name as a file name: a control character (a table may be named with a line break) would break the header. */
    static String fileName(String table) {
        return table.replaceAll("[\\p{Cntrl}/\\\\]", "_");
    }
}

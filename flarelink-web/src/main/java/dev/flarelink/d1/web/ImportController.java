package dev.flarelink.d1.web;

import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.d1.CsvImport;
import dev.flarelink.d1.DatabaseProblemException;
import dev.flarelink.d1.ImportCommand;
import dev.flarelink.d1.ImportPreview;
import dev.flarelink.d1.ImportReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** CSV import into a table: upload or paste, preview with problems, then import with a report. */
@Controller
@RequestMapping("/database" + DatabaseController.DB + "/import")
class ImportController {

    private final CsvImport csvImport;

    ImportController(CsvImport csvImport) {
        this.csvImport = csvImport;
    }

    @GetMapping
    String showImport(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String databaseId,
            @RequestParam String name,
            Model model) {
        ImportPreview empty = csvImport.preview(user.id(), connectionId, databaseId, name, "");
        model.addAttribute("schema", empty.schema());
        return page(model, connectionId, databaseId, name, null, null, null);
    }

    @PostMapping("/preview")
    String previewImport(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String databaseId,
            @RequestParam String name,
            @RequestParam(required = false) @Nullable MultipartFile file,
            @RequestParam(defaultValue = "") String csv,
            Model model)
            throws IOException {
        String text = file != null && !file.isEmpty() ? new String(file.getBytes(), StandardCharsets.UTF_8) : csv;
        ImportPreview preview = csvImport.preview(user.id(), connectionId, databaseId, name, text);
        model.addAttribute("schema", preview.schema());
        model.addAttribute("csv", text);
        return page(model, connectionId, databaseId, name, preview, null, null);
    }

    @PostMapping("/run")
    String runImport(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String databaseId,
            @RequestParam String name,
            @RequestParam(defaultValue = "") String csv,
            @RequestParam(required = false) @Nullable List<String> emptyAsNull,
            Model model) {
        Set<String> nulls = emptyAsNull == null ? Set.of() : Set.copyOf(emptyAsNull);
        try {
            ImportReport report =
                    csvImport.importRows(user.id(), connectionId, databaseId, new ImportCommand(name, csv, nulls));
            return page(model, connectionId, databaseId, name, null, report, null);
        } catch (DatabaseProblemException invalid) {
            return page(model, connectionId, databaseId, name, null, null, invalid.getMessage());
        }
    }

    private static String page(
            Model model,
            UUID connectionId,
            String databaseId,
            String table,
            @Nullable ImportPreview preview,
            @Nullable ImportReport report,
            @Nullable String problem) {
        model.addAttribute("table", table);
        model.addAttribute("preview", preview);
        model.addAttribute("report", report);
        model.addAttribute("problem", problem);
        model.addAttribute("base", "/database/" + connectionId + "/" + databaseId);
        model.addAttribute("tableUrl", RowController.tableUrl(connectionId, databaseId, table));
        return "database/import";
    }
}

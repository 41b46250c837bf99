package dev.flarelink.d1.web;

import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.d1.DatabaseProblemException;
import dev.flarelink.d1.DatabaseService;
import dev.flarelink.d1.DeleteRowsCommand;
import dev.flarelink.d1.RowDetail;
import dev.flarelink.d1.RowEditService;
import dev.flarelink.d1.RowValidationException;
import dev.flarelink.d1.TableSchema;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** One row: show it in full, insert, edit, and delete selected rows after a confirmation. */
@Controller
@RequestMapping("/database" + DatabaseController.DB)
class RowController {

    private final DatabaseService databases;
    private final RowEditService edits;

    RowController(DatabaseService databases, RowEditService edits) {
        this.databases = databases;
        this.edits = edits;
    }

    @GetMapping("/row")
    String showRow(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String databaseId,
            @RequestParam String table,
            @RequestParam String key,
            @RequestParam(required = false) @Nullable Integer pretty,
            Model model) {
        RowDetail detail = databases.row(user.id(), connectionId, databaseId, table, key);
        model.addAttribute("detail", detail);
        model.addAttribute("pretty", pretty == null ? -1 : pretty);
        return form(
                model,
                connectionId,
                databaseId,
                detail.schema(),
                key,
                RowForm.of(detail.schema().columns(), detail.row().cells()),
                Map.of(),
                null);
    }

    @GetMapping("/row/new")
    String showNewRow(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String databaseId,
            @RequestParam String table,
            Model model) {
        TableSchema schema = databases.schema(user.id(), connectionId, databaseId, table);
        return form(model, connectionId, databaseId, schema, null, RowForm.blank(schema.columns()), Map.of(), null);
    }

    @PostMapping("/row/insert")
    String insertRow(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String databaseId,
            @RequestParam String table,
            @RequestParam MultiValueMap<String, String> params,
            Model model,
            RedirectAttributes redirect) {
        TableSchema schema = databases.schema(user.id(), connectionId, databaseId, table);
        RowForm form = RowForm.fromRequest(schema.columns(), params);
        try {
            edits.insertRow(user.id(), connectionId, databaseId, form.toCommand(table, null));
        } catch (RowValidationException invalid) {
            return form(model, connectionId, databaseId, schema, null, form, invalid.fieldErrors(), null);
        } catch (DatabaseProblemException refused) {
            return form(model, connectionId, databaseId, schema, null, form, Map.of(), refused.getMessage());
        }
        redirect.addFlashAttribute("success", "Row inserted.");
        return "redirect:" + tableUrl(connectionId, databaseId, table);
    }

    @PostMapping("/row/update")
    String updateRow(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String databaseId,
            @RequestParam String table,
            @RequestParam String key,
            @RequestParam MultiValueMap<String, String> params,
            Model model,
            RedirectAttributes redirect) {
        TableSchema schema = databases.schema(user.id(), connectionId, databaseId, table);
        RowForm form = RowForm.fromRequest(schema.columns(), params);
        try {
            edits.updateRow(user.id(), connectionId, databaseId, form.toCommand(table, key));
        } catch (RowValidationException invalid) {
            return form(model, connectionId, databaseId, schema, key, form, invalid.fieldErrors(), null);
        } catch (DatabaseProblemException refused) {
            return form(model, connectionId, databaseId, schema, key, form, Map.of(), refused.getMessage());
        }
        redirect.addFlashAttribute("success", "Row saved.");
        return "redirect:" + tableUrl(connectionId, databaseId, table);
    }

    @GetMapping("/rows/delete")
    String confirmDelete(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String databaseId,
            @RequestParam String table,
            @RequestParam(required = false) @Nullable List<String> key,
            Model model) {
        List<String> keys = key == null ? List.of() : List.copyOf(key);
        TableSchema schema = databases.schema(user.id(), connectionId, databaseId, table);
        model.addAttribute("schema", schema);
        model.addAttribute("table", table);
        model.addAttribute("keys", keys);
        model.addAttribute("tableUrl", tableUrl(connectionId, databaseId, table));
        model.addAttribute("base", "/database/" + connectionId + "/" + databaseId);
        return "database/delete";
    }

    @PostMapping("/rows/delete")
    String deleteRows(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String databaseId,
            @RequestParam String table,
            @RequestParam(required = false) @Nullable List<String> key,
            RedirectAttributes redirect) {
        List<String> keys = key == null ? List.of() : List.copyOf(key);
        try {
            long deleted = edits.deleteRows(user.id(), connectionId, databaseId, new DeleteRowsCommand(table, keys));
            redirect.addFlashAttribute("success", "Deleted " + deleted + (deleted == 1 ? " row." : " rows."));
        } catch (DatabaseProblemException refused) {
            redirect.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:" + tableUrl(connectionId, databaseId, table);
    }

    private static String form(
            Model model,
            UUID connectionId,
            String databaseId,
            TableSchema schema,
            @Nullable String key,
            RowForm form,
            Map<Integer, String> fieldErrors,
            @Nullable String problem) {
        model.addAttribute("schema", schema);
        model.addAttribute("key", key);
        model.addAttribute("form", form);
        model.addAttribute("fieldErrors", fieldErrors);
        model.addAttribute("problem", problem);
        model.addAttribute("base", "/database/" + connectionId + "/" + databaseId);
        model.addAttribute("tableUrl", tableUrl(connectionId, databaseId, schema.name()));
        return "database/row";
    }

    static String tableUrl(UUID connectionId, String databaseId, String table) {
        return new QueryString("/database/" + connectionId + "/" + databaseId + "/table")
                .add("name", table)
                .toString();
    }
}

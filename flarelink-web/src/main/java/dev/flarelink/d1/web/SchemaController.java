package dev.flarelink.d1.web;

import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.d1.ColumnSpec;
import dev.flarelink.d1.CreateTableCommand;
import dev.flarelink.d1.DatabaseProblemException;
import dev.flarelink.d1.DatabaseService;
import dev.flarelink.d1.LogicalType;
import dev.flarelink.d1.SchemaEditService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

/** New table, add column, drop table (after typing its name). */
@Controller
@RequestMapping("/database" + DatabaseController.DB)
class SchemaController {

    static final int COLUMN_ROWS = 8;

    private final SchemaEditService schema;
    private final DatabaseService databases;

    SchemaController(SchemaEditService schema, DatabaseService databases) {
        this.schema = schema;
        this.databases = databases;
    }

    @GetMapping("/tables/new")
    String showNewTable(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String databaseId,
            Model model) {
        databases.tables(user.id(), connectionId, databaseId, false); // the database must be reachable
        return newTable(model, connectionId, databaseId, new org.springframework.util.LinkedMultiValueMap<>(), null);
    }

    @PostMapping("/tables/create")
    String createTable(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String databaseId,
            @RequestParam MultiValueMap<String, String> params,
            Model model,
            RedirectAttributes redirect) {
        String name = value(params, "table");
        try {
            schema.createTable(user.id(), connectionId, databaseId, new CreateTableCommand(name, columns(params)));
        } catch (DatabaseProblemException refused) {
            return newTable(model, connectionId, databaseId, params, refused.getMessage());
        }
        redirect.addFlashAttribute("success", "Table \u201c" + name + "\u201d created. Insert its first row below.");
        return "redirect:" + RowController.tableUrl(connectionId, databaseId, name);
    }

    @PostMapping("/table/columns")
    String addColumn(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String databaseId,
            @RequestParam String name,
            @RequestParam MultiValueMap<String, String> params,
            RedirectAttributes redirect) {
        List<ColumnSpec> column = columns(params);
        if (column.isEmpty()) {
            redirect.addFlashAttribute("error", "Give the new column a name.");
        } else {
            try {
                schema.addColumn(user.id(), connectionId, databaseId, name, column.get(0));
                redirect.addFlashAttribute("success", "Column added.");
            } catch (DatabaseProblemException refused) {
                redirect.addFlashAttribute("error", refused.getMessage());
            }
        }
        return "redirect:" + RowController.tableUrl(connectionId, databaseId, name);
    }

    @GetMapping("/table/drop")
    String confirmDrop(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String databaseId,
            @RequestParam String name,
            Model model) {
        model.addAttribute("schema", databases.schema(user.id(), connectionId, databaseId, name));
        model.addAttribute("base", "/database/" + connectionId + "/" + databaseId);
        model.addAttribute("tableUrl", RowController.tableUrl(connectionId, databaseId, name));
        return "database/drop";
    }

    @PostMapping("/table/drop")
    String dropTable(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String databaseId,
            @RequestParam String name,
            @RequestParam(defaultValue = "") String typed,
            Model model,
            RedirectAttributes redirect) {
        try {
            schema.dropTable(user.id(), connectionId, databaseId, name, typed);
        } catch (DatabaseProblemException refused) {
            model.addAttribute("dropError", refused.getMessage());
            return confirmDrop(user, connectionId, databaseId, name, model);
        }
        redirect.addFlashAttribute("success", "Table dropped.");
        return "redirect:/database/" + connectionId + "/" + databaseId;
    }

    private static String newTable(
            Model model,
            UUID connectionId,
            String databaseId,
            MultiValueMap<String, String> params,
            @Nullable String problem) {
        model.addAttribute("params", params.toSingleValueMap());
        model.addAttribute(
                "rows", java.util.stream.IntStream.range(0, COLUMN_ROWS).boxed().toList());
        model.addAttribute("types", LogicalType.values());
        model.addAttribute("problem", problem);
        model.addAttribute("base", "/database/" + connectionId + "/" + databaseId);
        return "database/new-table";
    }

    /** Column rows {@code col_i, type_i, notnull_i, pk_i, default_i}; rows without a name are ignored. */
    private static List<ColumnSpec> columns(MultiValueMap<String, String> params) {
        List<ColumnSpec> columns = new ArrayList<>();
        for (int i = 0; i < COLUMN_ROWS; i++) {
            String name = value(params, "col_" + i).strip();
            if (name.isEmpty()) {
                continue;
            }
            columns.add(new ColumnSpec(
                    name,
                    type(value(params, "type_" + i)),
                    params.containsKey("notnull_" + i),
                    params.containsKey("pk_" + i),
                    value(params, "default_" + i).isBlank() ? null : value(params, "default_" + i)));
        }
        return columns;
    }

    private static LogicalType type(String name) {
        try {
            return LogicalType.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return LogicalType.TEXT;
        }
    }

    private static String value(MultiValueMap<String, String> params, String name) {
        String value = params.getFirst(name);
        return value == null ? "" : value;
    }
}

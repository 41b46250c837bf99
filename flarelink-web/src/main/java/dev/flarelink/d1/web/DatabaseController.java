package dev.flarelink.d1.web;

import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.d1.DatabaseService;
import dev.flarelink.d1.FilterOperator;
import dev.flarelink.d1.RowsPage;
import dev.flarelink.d1.RowsQuery;
import dev.flarelink.d1.SchemaStatements;
import dev.flarelink.users.UsersService;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The Database area: databases of the user's connections, a database's tables, and a table's rows grid. */
@Controller
@RequestMapping("/database")
class DatabaseController {

    static final String DB = "/{connectionId}/{databaseId:[A-Za-z0-9-]{1,64}}";

    private final DatabaseService databases;
    private final UsersService users;

    DatabaseController(DatabaseService databases, UsersService users) {
        this.databases = databases;
        this.users = users;
    }

    @GetMapping
    String showDatabases(@AuthenticationPrincipal SignedInUser user, Model model) {
        model.addAttribute("summaries", databases.databases(user.id()));
        return "database/index";
    }

    @GetMapping(DB)
    String showTables(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String databaseId,
            @RequestParam(defaultValue = "false") boolean internal,
            Model model) {
        model.addAttribute("list", databases.tables(user.id(), connectionId, databaseId, internal));
        model.addAttribute("internal", internal);
        model.addAttribute("base", "/database/" + connectionId + "/" + databaseId);
        return "database/tables";
    }

    @GetMapping(DB + "/table")
    String showTable(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String databaseId,
            @RequestParam String name,
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(required = false) @Nullable String dir,
            @RequestParam(required = false) @Nullable Integer size,
            @RequestParam(required = false) @Nullable String after,
            @RequestParam(required = false) @Nullable String before,
            @RequestParam(required = false) @Nullable String count,
            @RequestParam(required = false) @Nullable List<String> fc,
            @RequestParam(required = false) @Nullable List<String> fo,
            @RequestParam(required = false) @Nullable List<String> fv,
            Model model) {
        GridState grid = GridState.from(connectionId, databaseId, name, sort, dir, size, fc, fo, fv, count);
        RowsPage page = databases.rows(user.id(), connectionId, databaseId, grid.toQuery(after, before));
        model.addAttribute("grid", grid);
        model.addAttribute("page", page);
        model.addAttribute(
                "rowsHtml", GridRowsHtml.of(grid, page.rows(), page.schema().readOnly()));
        model.addAttribute("indexHints", grid.indexHints(page.schema()));
        model.addAttribute("operators", FilterOperator.values());
        model.addAttribute("types", dev.flarelink.d1.LogicalType.values());
        model.addAttribute("pageSizes", RowsQuery.PAGE_SIZES.stream().sorted().toList());
        if (page.schema().readOnly() && SchemaStatements.USER_TABLES.contains(name)) {
            // Users are managed on their project's Users page, not in the grid.
            users.projectOfDatabase(user.id(), connectionId, databaseId)
                    .ifPresent(project -> model.addAttribute("usersProject", project));
        }
        return "database/table";
    }
}

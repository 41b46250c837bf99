package dev.flarelink.d1.web;

import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.d1.ConsoleLibrary;
import dev.flarelink.d1.ConsoleResult;
import dev.flarelink.d1.DatabaseProblemException;
import dev.flarelink.d1.RunSqlCommand;
import dev.flarelink.d1.SaveSnippetCommand;
import dev.flarelink.d1.SqlConsoleService;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The SQL console of one database, with its history and saved snippets. */
@Controller
@RequestMapping("/database" + DatabaseController.DB + "/console")
class ConsoleController {

    private final SqlConsoleService console;
    private final ConsoleLibrary library;

    ConsoleController(SqlConsoleService console, ConsoleLibrary library) {
        this.console = console;
        this.library = library;
    }

    @GetMapping
    String showConsole(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String databaseId,
            @RequestParam(required = false) @Nullable UUID entry,
            Model model) {
        console.checkAccess(user.id(), connectionId, databaseId);
        String sql = entry == null
                ? ""
                : library.entry(user.id(), connectionId, databaseId, entry).sql();
        return page(model, user, connectionId, databaseId, sql, null);
    }

    @PostMapping
    String runSql(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String databaseId,
            @RequestParam(defaultValue = "") String sql,
            @RequestParam(defaultValue = "false") boolean confirmed,
            Model model) {
        ConsoleResult result = console.run(user.id(), connectionId, databaseId, new RunSqlCommand(sql, confirmed));
        return page(model, user, connectionId, databaseId, sql, result);
    }

    @PostMapping("/snippets")
    String saveSnippet(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String databaseId,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String sql,
            Model model) {
        try {
            library.saveSnippet(user.id(), connectionId, databaseId, new SaveSnippetCommand(name, sql));
            model.addAttribute("success", "Snippet saved.");
        } catch (DatabaseProblemException invalid) {
            model.addAttribute("snippetError", invalid.getMessage());
            model.addAttribute("snippetName", name);
        }
        return page(model, user, connectionId, databaseId, sql, null);
    }

    @PostMapping("/snippets/{entryId}/delete")
    String deleteSnippet(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String databaseId,
            @PathVariable UUID entryId,
            RedirectAttributes redirect) {
        library.deleteSnippet(user.id(), connectionId, databaseId, entryId);
        redirect.addFlashAttribute("success", "Snippet deleted.");
        return "redirect:/database/" + connectionId + "/" + databaseId + "/console";
    }

    private String page(
            Model model,
            SignedInUser user,
            UUID connectionId,
            String databaseId,
            String sql,
            @Nullable ConsoleResult result) {
        model.addAttribute("sql", sql);
        model.addAttribute("result", result);
        model.addAttribute("history", library.history(user.id(), connectionId, databaseId));
        model.addAttribute("snippets", library.snippets(user.id(), connectionId, databaseId));
        model.addAttribute("base", "/database/" + connectionId + "/" + databaseId);
        model.addAttribute("databaseId", databaseId);
        model.addAttribute("databaseName", console.databaseName(user.id(), connectionId, databaseId));
        return "database/console";
    }
}

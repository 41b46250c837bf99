package dev.flarelink.d1.web;

import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.d1.ConsoleResult;
import dev.flarelink.d1.RunSqlCommand;
import dev.flarelink.d1.SqlConsoleService;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The SQL console of one database. */
@Controller
@RequestMapping("/database" + DatabaseController.DB + "/console")
class ConsoleController {

    private final SqlConsoleService console;

    ConsoleController(SqlConsoleService console) {
        this.console = console;
    }

    @GetMapping
    String showConsole(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID connectionId,
            @PathVariable String databaseId,
            Model model) {
        console.checkAccess(user.id(), connectionId, databaseId);
        model.addAttribute("sql", "");
        model.addAttribute("base", "/database/" + connectionId + "/" + databaseId);
        return "database/console";
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
        model.addAttribute("sql", sql);
        model.addAttribute("result", result);
        model.addAttribute("base", "/database/" + connectionId + "/" + databaseId);
        return "database/console";
    }
}

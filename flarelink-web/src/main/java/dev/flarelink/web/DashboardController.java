package dev.flarelink.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The areas of the signed-in shell. Until a feature fills its area, the page says what will be there and what comes
 * first, so a new user is never left on a blank screen.
 */
@Controller
class DashboardController {

    @GetMapping("/{area:projects|files|activity}")
    String showArea(@PathVariable String area, Model model) {
        model.addAttribute("area", DashboardArea.valueOf(area.toUpperCase(java.util.Locale.ROOT)));
        return "dashboard/area";
    }
}

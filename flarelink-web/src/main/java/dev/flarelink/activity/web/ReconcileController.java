package dev.flarelink.activity.web;

import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.activity.reconcile.ReconcileRange;
import dev.flarelink.activity.reconcile.Reconciliation;
import dev.flarelink.activity.reconcile.ReconciliationService;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The reconciliation page: a GET, because it changes nothing (its audit log reads are recorded like every call).
 * Another user's connection answers 404 through the global not-found handler.
 */
@Controller
class ReconcileController {

    private final ReconciliationService reconciliation;

    ReconcileController(ReconciliationService reconciliation) {
        this.reconciliation = reconciliation;
    }

    @GetMapping("/activity/reconcile")
    String reconcile(
            @AuthenticationPrincipal SignedInUser user,
            @ModelAttribute("form") ReconcileForm form,
            BindingResult errors,
            Model model) {
        model.addAttribute("connections", reconciliation.connectionsOf(user.id()));
        if (!form.submitted()) {
            return "activity/reconcile";
        }
        UUID connectionId = form.connectionId(errors);
        ReconcileRange range = form.range(reconciliation.now(), errors);
        if (connectionId == null || range == null) {
            return "activity/reconcile";
        }
        Reconciliation result = reconciliation.reconcile(user.id(), connectionId, range);
        form.show(result.range());
        model.addAttribute("result", result);
        return "activity/reconcile";
    }
}

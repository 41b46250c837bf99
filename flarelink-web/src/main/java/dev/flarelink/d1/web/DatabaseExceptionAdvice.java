package dev.flarelink.d1.web;

import dev.flarelink.connect.ConnectionRevokedException;
import dev.flarelink.d1.DatabaseProblemException;
import dev.flarelink.shared.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Errors of the Database pages: anything not reachable through the user's connection is a plain 404 (another
 * user's connection looks missing); a refused request gets a page with the plain-sentence reason.
 */
@ControllerAdvice(basePackageClasses = DatabaseController.class)
class DatabaseExceptionAdvice {

    @ExceptionHandler(NotFoundException.class)
    String notFound(HttpServletResponse response, Model model) {
        response.setStatus(404);
        model.addAttribute("status", 404);
        return "error";
    }

    @ExceptionHandler(DatabaseProblemException.class)
    String problem(DatabaseProblemException problem, HttpServletResponse response, Model model) {
        response.setStatus(400);
        model.addAttribute("problem", problem.getMessage());
        return "database/problem";
    }

    @ExceptionHandler(ConnectionRevokedException.class)
    String revoked(HttpServletResponse response, Model model) {
        response.setStatus(409);
        model.addAttribute(
                "problem",
                "Cloudflare no longer accepts this connection's token (revoked or expired). "
                        + "Connect the account again with a new token.");
        return "database/problem";
    }
}

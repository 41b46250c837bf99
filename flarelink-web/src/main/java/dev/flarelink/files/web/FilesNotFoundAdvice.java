package dev.flarelink.files.web;

import dev.flarelink.shared.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Another user's connection or key, and a missing bucket, all answer the same 404 page on the Files pages. */
@ControllerAdvice(assignableTypes = {FilesController.class, BucketController.class, KeysController.class})
class FilesNotFoundAdvice {

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        model.addAttribute("status", 404);
        return "error";
    }
}

package dev.flarelink.activity.web;

import dev.flarelink.activity.ActivityFilter;
import dev.flarelink.activity.ActivityKind;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.Errors;

/** The Activity page's filter fields, as typed; times are UTC. */
public class ActivityFilterForm {

    private @Nullable String project;
    private @Nullable String action;
    private @Nullable String outcome;
    private @Nullable String from;
    private @Nullable String to;
    private @Nullable String q;
    private @Nullable String kind;
    private @Nullable String resource;

    /** The filter, or {@link ActivityFilter#none()} with the problems reported on {@code errors} next to each field. */
    public ActivityFilter toFilter(Errors errors) {
        UUID projectId = parseProject(errors);
        Instant fromTime = UtcTimeField.parse("from", from, errors);
        Instant toTime = UtcTimeField.parse("to", to, errors);
        if (outcome != null && !outcome.isBlank() && !ActivityFilter.OUTCOMES.contains(outcome)) {
            errors.rejectValue("outcome", "invalid", "Choose one of the listed outcomes.");
        }
        if (action != null && action.length() > 100) {
            errors.rejectValue("action", "invalid", "An action name has at most 100 characters, e.g. d1.query.");
        }
        ActivityKind kindChosen = null;
        if (kind != null && !kind.isBlank()) {
            kindChosen = ActivityKind.of(kind.strip()).orElse(null);
            if (kindChosen == null) {
                errors.rejectValue("kind", "invalid", "Choose one of the listed kinds, or any.");
            }
        }
        if (resource != null && resource.length() > 200) {
            errors.rejectValue(
                    "resource", "invalid", "A resource name or id has at most 200 characters, e.g. a bucket name.");
        }
        if (q != null && q.length() > 200) {
            errors.rejectValue("q", "invalid", "Search for at most 200 characters.");
        }
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            errors.rejectValue("to", "order", "The end must be after the start.");
        }
        if (errors.hasErrors()) {
            return ActivityFilter.none();
        }
        return new ActivityFilter(projectId, action, outcome, fromTime, toTime, q, kindChosen, resource);
    }

    private @Nullable UUID parseProject(Errors errors) {
        if (project == null || project.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(project.strip());
        } catch (IllegalArgumentException e) {
            errors.rejectValue("project", "invalid", "Choose one of your projects from the list, or any project.");
            return null;
        }
    }

    public @Nullable String getProject() {
        return project;
    }

    public void setProject(@Nullable String project) {
        this.project = project;
    }

    public @Nullable String getAction() {
        return action;
    }

    public void setAction(@Nullable String action) {
        this.action = action;
    }

    public @Nullable String getOutcome() {
        return outcome;
    }

    public void setOutcome(@Nullable String outcome) {
        this.outcome = outcome;
    }

    public @Nullable String getFrom() {
        return from;
    }

    public void setFrom(@Nullable String from) {
        this.from = from;
    }

    public @Nullable String getTo() {
        return to;
    }

    public void setTo(@Nullable String to) {
        this.to = to;
    }

    public @Nullable String getQ() {
        return q;
    }

    public void setQ(@Nullable String q) {
        this.q = q;
    }

    public @Nullable String getKind() {
        return kind;
    }

    public void setKind(@Nullable String kind) {
        this.kind = kind;
    }

    public @Nullable String getResource() {
        return resource;
    }

    public void setResource(@Nullable String resource) {
        this.resource = resource;
    }
}

package dev.flarelink.d1.web;

import static dev.flarelink.web.HtmlText.escape;

import dev.flarelink.d1.CellView;
import dev.flarelink.d1.RowView;
import java.util.List;

/**
 * The grid's rows as HTML, built in Java. As a template they were most of the grid page's CPU under load (issue 24):
 * a page of 50 rows has hundreds of cells, and Thymeleaf ran several processors per cell, each expression looking its
 * variables up through the request's attributes. The markup is the one the template made, and every value is escaped
 * as {@code th:text} would ({@link dev.flarelink.web.HtmlText}).
 */
final class GridRowsHtml {

    private GridRowsHtml() {}

    /** The rows of a {@code <tbody>}: a selection box unless {@code readOnly}, the cells, and the row's link. */
    static String of(GridState grid, List<RowView> rows, boolean readOnly) {
        StringBuilder html = new StringBuilder(rows.size() * 640);
        for (int i = 0; i < rows.size(); i++) {
            RowView row = rows.get(i);
            String rowPage = escape(grid.rowPage(row.key()));
            html.append("<tr>\n");
            if (!readOnly) {
                html.append("<td><input type=\"checkbox\" name=\"key\" form=\"delete-form\" value=\"")
                        .append(escape(row.key()))
                        .append("\" id=\"sel")
                        .append(i)
                        .append("\"> <label for=\"sel")
                        .append(i)
                        .append("\" class=\"visually-hidden\">Select row ")
                        .append(i + 1)
                        .append("</label></td>\n");
            }
            List<CellView> cells = row.cells();
            for (int c = 0; c < cells.size(); c++) {
                CellView cell = cells.get(c);
                html.append("<td class=\"").append(escape(cell.cssClass())).append("\">");
                switch (cell.shape()) {
                    case "value" ->
                        html.append("<span>").append(escape(cell.display())).append("</span>");
                    case "null" -> html.append("<span class=\"cell-null\">NULL</span>");
                    default -> html.append("<span class=\"cell-empty\" title=\"empty string\">empty</span>");
                }
                if (cell.truncated()) {
                    html.append(" <a href=\"").append(rowPage).append("\" class=\"more\">show all</a>");
                }
                if (cell.json()) {
                    html.append(" <a href=\"")
                            .append(escape(grid.rowPage(row.key(), c)))
                            .append("\" class=\"more\">JSON</a>");
                }
                html.append("</td>\n");
            }
            html.append("<td><a href=\"")
                    .append(rowPage)
                    .append("\">")
                    .append(readOnly ? "View" : "Edit")
                    .append("</a></td>\n</tr>\n");
        }
        return html.toString();
    }
}

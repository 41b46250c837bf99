/**
 * The Database pages: the D1 databases of the user's connections, their tables, a keyset-paginated rows grid with
 * filters and sorting, row insert/edit/delete forms, and the SQL console. Controllers talk only to the
 * {@code dev.flarelink.d1} services; every value is rendered as text.
 */
@NullMarked
package dev.flarelink.d1.web;

import org.jspecify.annotations.NullMarked;

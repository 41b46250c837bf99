/**
 * The D1 table editor and SQL console: databases of a user's connection, table schemas, keyset-paginated rows,
 * row inserts, edits and deletes, and ad-hoc SQL. Everything runs through the user's own token via
 * {@link dev.flarelink.connect.ConnectionService}, so each D1 call lands in the Activity log. Identifiers are only
 * ever put into SQL through {@link dev.flarelink.d1.SqlIdentifiers#quote}; every value is a bound parameter.
 */
@NullMarked
package dev.flarelink.d1;

import org.jspecify.annotations.NullMarked;

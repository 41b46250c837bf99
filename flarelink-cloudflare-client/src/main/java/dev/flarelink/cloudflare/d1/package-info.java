/**
 * D1 databases (create, list, get, delete) and SQL execution ({@code /query}, {@code /raw}, batches); SQL text is reported to the call listener, bound parameters never are.
 */
@NullMarked
package dev.flarelink.cloudflare.d1;

import org.jspecify.annotations.NullMarked;

/** Shared web infrastructure: the landing page, the signed-in shell, error pages. */
@NullMarked
package dev.flarelink.web;

import org.jspecify.annotations.NullMarked;

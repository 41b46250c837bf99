/** Small shared types of the api module; kept deliberately tiny. */
@NullMarked
package dev.flarelink.shared;

import org.jspecify.annotations.NullMarked;

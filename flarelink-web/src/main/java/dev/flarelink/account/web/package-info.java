/** Sign-up, sign-in and account pages. */
@NullMarked
package dev.flarelink.account.web;

import org.jspecify.annotations.NullMarked;

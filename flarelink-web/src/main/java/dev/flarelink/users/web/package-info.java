/**
 * Authentication → Users pages of a project ({@code /projects/{id}/users}): the list, a user's page, the create form
 * and one confirmation page per action (GET shows what will happen, POST to the same address does it). Controllers
 * only talk to {@code dev.flarelink.users}; a generated temporary password is rendered once in the response to the
 * POST that created it and kept nowhere.
 */
@NullMarked
package dev.flarelink.users.web;

import org.jspecify.annotations.NullMarked;

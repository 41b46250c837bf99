package dev.flarelink.d1;

/** Save the console's SQL under a name. */
public record SaveSnippetCommand(String name, String sql) {}

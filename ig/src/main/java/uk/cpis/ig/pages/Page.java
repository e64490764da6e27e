package uk.cpis.ig.pages;

/** A page of the guide before layout: its file name, title and body HTML. */
public record Page(String file, String title, String body) {}

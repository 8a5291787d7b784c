package io.tmkit.server.domain;

/** A tag {Key, Value} of a session; the value is empty when only the key was given. */
public record Tag(String key, String value) {}

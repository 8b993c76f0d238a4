package dev.streamlab.kafka.tail;

import java.util.Objects;

/**
 * One record header: its key, and its value as text when the bytes are valid UTF-8, otherwise as {@code 0x} followed
 * by lowercase hex (null when the header has no value); long values are cut as {@link TailRecord} describes.
 */
public record TailHeader(String key, String value) {
    public TailHeader {
        Objects.requireNonNull(key, "a header always has a key");
    }
}

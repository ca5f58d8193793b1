/**
 * Timestamps as the wire carries them in metadata: ISO-8601 text, written and read without
 * {@code java.time.format}.
 */
package io.jparallel.protocol.time;

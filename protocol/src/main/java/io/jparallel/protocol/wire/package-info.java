/** The signed binary encoding of messages. */
package io.jparallel.protocol.wire;

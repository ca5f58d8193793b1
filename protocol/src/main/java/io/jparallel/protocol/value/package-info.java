/** Encoding of values (functions, arguments, results, namespace variables) as bytes. */
package io.jparallel.protocol.value;

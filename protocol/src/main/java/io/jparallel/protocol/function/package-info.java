/** Serializable functional interfaces: lambdas written against them can be shipped to engines. */
package io.jparallel.protocol.function;

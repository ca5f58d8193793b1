/**
 * JSON for the small documents every process reads or writes on its way up (connection files, engine
 * properties, registry listings), on Jackson's streaming parser instead of its data binding: building a
 * {@code JsonMapper} and binding a record with it cost each JVM about 0.19 CPU-seconds on its main thread even
 * from a class data sharing archive, and a client's first connect in a fresh JVM 0.6-0.75. What needs more (admin
 * responses, queue status, hub queries) shares one data-binding mapper built on first use ({@link DataBinding}).
 */
package io.jparallel.protocol.json;

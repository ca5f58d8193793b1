/** The engine's end of the bulk data path: fetching large pushed values from clients, uploading large results to them. */
package io.jparallel.engine.bulk;

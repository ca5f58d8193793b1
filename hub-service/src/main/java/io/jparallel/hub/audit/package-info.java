/** The audit: a record of every request and its reply, written in batches from the hub's audit queue. */
package io.jparallel.hub.audit;

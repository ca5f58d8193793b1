/** The client's plumbing: submitting requests, routing replies, serving classes to engines. */
package io.jparallel.client.internal;

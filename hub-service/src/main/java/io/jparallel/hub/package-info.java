/** The hub service: assigns engine ids, watches heartbeats, records every request and reply. */
package io.jparallel.hub;

/** Taking requests from the engine's queues, running them one at a time, and replying. */
package io.jparallel.engine.requests;

/**
 * The scheduler: places direct and broadcast requests on engines' MUX queues, load-balanced ones on the
 * task queue and control requests (abort, shutdown) on engines' control queues.
 */
package io.jparallel.scheduler;

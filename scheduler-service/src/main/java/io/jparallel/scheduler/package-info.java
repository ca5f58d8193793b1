/**
 * The scheduler: places direct and broadcast requests on engines' MUX queues, load-balanced ones on the
 * task queue and control requests (abort, shutdown) on engines' control queues; exits when the hub
 * announces that the controller is shutting down.
 */
package io.jparallel.scheduler;

/** The scheduler: places direct requests on engines' MUX queues and load-balanced ones on the task queue. */
package io.jparallel.scheduler;

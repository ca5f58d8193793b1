/** How the scheduler's JIT compiler shares the cores with the requests it forwards. */
package io.jparallel.scheduler.jit;

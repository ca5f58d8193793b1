/**
 * The task scheduler: load-balanced tasks held by the scheduler until their dependencies are met and an
 * eligible engine has room, then placed on that engine's MUX queue by the configured {@link
 * io.jparallel.scheduler.tasks.Scheme}; engines tell it when tasks are done, so it knows every engine's
 * load, retries failed tasks elsewhere and fails the ones that can never run.
 */
package io.jparallel.scheduler.tasks;

/**
 * What the engine tells the scheduler about the tasks it placed here: which are done, and the failed
 * ones it may retry on another engine.
 */
package io.jparallel.engine.notices;

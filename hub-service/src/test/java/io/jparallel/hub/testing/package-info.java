/** Test infrastructure: a controllable clock. */
package io.jparallel.hub.testing;

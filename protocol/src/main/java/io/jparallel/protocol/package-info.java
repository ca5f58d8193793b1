/** The wire model every JParallel service and client shares: messages, signing, values, topology. */
package io.jparallel.protocol;

/** Spring Boot auto-configuration of a {@link io.jparallel.client.Client} bean. */
package io.jparallel.client.autoconfigure;

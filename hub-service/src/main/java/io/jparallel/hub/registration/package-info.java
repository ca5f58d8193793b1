/**
 * Engine registration: id assignment, the engine list, engines' properties, and notifications of
 * engines joining, leaving and changing their properties.
 */
package io.jparallel.hub.registration;

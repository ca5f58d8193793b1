/** Engine registration: id assignment, the engine list, and notifications of engines joining and leaving. */
package io.jparallel.hub.registration;

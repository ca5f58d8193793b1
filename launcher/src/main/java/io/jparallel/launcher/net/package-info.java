/** Local TCP ports: picking free ones and waiting for them to open or close. */
package io.jparallel.launcher.net;

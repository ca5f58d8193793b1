/** The bulk data path: large values travel over a direct, HMAC-signed socket stream instead of through the broker. */
package io.jparallel.protocol.bulk;

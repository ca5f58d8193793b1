/** The client's end of the bulk data path: a small server engines fetch pushed values from and upload results to. */
package io.jparallel.client.internal.bulk;

/** Connection files: how clients and engines find a cluster's broker and key. */
package io.jparallel.protocol.connection;

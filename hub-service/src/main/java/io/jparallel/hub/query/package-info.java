/**
 * The hub's queries over the audit: {@code get_result}, {@code result_status}, {@code db_query},
 * {@code resubmit}, {@code purge_results} and {@code hub_history} on the hub queue, and the operators'
 * {@code /tasks} endpoints, over one query engine (a JSON query parsed into JPA criteria).
 */
package io.jparallel.hub.query;

package io.jparallel.hub.audit;

/**
 * What the audit needs to know of a stored record to place a message in it.
 *
 * @param id the record's id
 * @param hasRequest whether its request was seen
 * @param hasReply whether its reply was seen
 * @param queue the request's route, if seen
 * @param engineId the engine it ran on or is for, if known
 */
record StoredTask(String id, boolean hasRequest, boolean hasReply, String queue, Integer engineId) {

}

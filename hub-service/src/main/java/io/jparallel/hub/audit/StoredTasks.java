package io.jparallel.hub.audit;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** The records already stored, as the audit looks them up: many at once. */
interface StoredTasks {

	/** The stored records among {@code ids}, by id, in as few queries as possible. */
	Map<String, StoredTask> find(Collection<String> ids);

	/** The reply a stored record holds, if any (rarely needed: see {@link AuditPlanner}). */
	Optional<ReplyPart> reply(String id);

}

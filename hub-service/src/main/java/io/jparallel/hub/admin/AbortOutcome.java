package io.jparallel.hub.admin;

import java.util.List;

/**
 * What an admin's abort did. Engines and the scheduler answer for each id whether it will not run
 * ({@code aborted}) or had run already; those answers go to the admin session (see {@link SentRequest}).
 *
 * @param sent the abort requests sent: one per engine, one to the scheduler for load-balanced tasks
 * @param alreadyDone ids the audit saw answered: nothing sent
 * @param unknown ids the audit has not recorded (yet, or ever), or that no engine or scheduler holds
 * @param engineGone ids whose engine is no longer registered
 */
public record AbortOutcome(List<SentRequest> sent, List<String> alreadyDone, List<String> unknown,
		List<String> engineGone) {

	public AbortOutcome {
		sent = List.copyOf(sent);
		alreadyDone = List.copyOf(alreadyDone);
		unknown = List.copyOf(unknown);
		engineGone = List.copyOf(engineGone);
	}

}

package io.jparallel.hub.query;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.jparallel.protocol.Message;
import io.jparallel.protocol.amqp.Replies;

/**
 * Runs hub queries off the hub queue's one consumer, so a large query never holds up engine registration:
 * {@link #THREADS} at a time, up to {@link #BACKLOG} waiting; beyond that a query is answered at once
 * with an error (the hub is busy).
 */
@Component
public class HubQueryExecutor implements DisposableBean {

	static final int THREADS = 2;

	static final int BACKLOG = 1000;

	private static final Log logger = LogFactory.getLog(HubQueryExecutor.class);

	private final HubQueryService queries;

	private final ThreadPoolExecutor executor;

	public HubQueryExecutor(HubQueryService queries) {
		this.queries = queries;
		AtomicInteger count = new AtomicInteger();
		this.executor = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
				new ArrayBlockingQueue<>(BACKLOG), runnable -> {
					Thread thread = new Thread(runnable, "hub-query-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
	}

	/** Answers {@code request} on a query thread, handing the reply to {@code reply}. */
	public void submit(Message request, Consumer<QueryReply> reply) {
		try {
			this.executor.execute(() -> {
				QueryReply answer = this.queries.answer(request);
				try {
					reply.accept(answer);
				}
				catch (RuntimeException ex) {
					logger.error("Cannot send the reply to " + request.msgType() + " " + request.header().msgId() + ": "
							+ ex.getMessage(), ex);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			logger.warn("Hub queries are " + BACKLOG + " behind; " + request.msgType() + " from session "
					+ request.header().session() + " refused");
			reply.accept(new QueryReply(Replies.errorContent(RejectedExecutionException.class.getName(),
					"the hub is busy with " + BACKLOG + " queries; try again", ""), List.of()));
		}
	}

	@Override
	public void destroy() {
		this.executor.shutdown();
	}

}

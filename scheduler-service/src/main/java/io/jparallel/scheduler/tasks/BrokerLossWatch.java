package io.jparallel.scheduler.tasks;

import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.stereotype.Component;

import com.rabbitmq.client.ShutdownSignalException;

import io.jparallel.protocol.amqp.ClusterConnection;

/**
 * Tells the task scheduler when the broker connection is lost (a broker restart, a network cut): the
 * tasks it holds unplaced are forgotten, since the broker delivers their unacknowledged requests again
 * once the scheduler is reconnected (its consumers resume by themselves).
 */
@Component
class BrokerLossWatch implements ConnectionListener {

	private final TaskScheduler scheduler;

	private final TaskIntake intake;

	BrokerLossWatch(ClusterConnection cluster, TaskScheduler scheduler, TaskIntake intake) {
		this.scheduler = scheduler;
		this.intake = intake;
		cluster.connectionFactory().addConnectionListener(this);
	}

	@Override
	public void onCreate(Connection connection) {
		// consumers resume on their own; the redelivered requests rebuild what was forgotten
	}

	@Override
	public void onShutDown(ShutdownSignalException signal) {
		if (!signal.isInitiatedByApplication()) {
			this.intake.brokerLost();
			this.scheduler.brokerLost();
		}
	}

}

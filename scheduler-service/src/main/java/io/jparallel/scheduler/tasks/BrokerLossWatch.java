package io.jparallel.scheduler.tasks;

import org.springframework.stereotype.Component;

import io.jparallel.protocol.amqp.ClusterConnection;

/**
 * Tells the task scheduler when the broker connection is lost (a broker restart, a network cut): the
 * tasks it holds unplaced are forgotten, since the broker delivers their unacknowledged requests again
 * once the scheduler is reconnected (its consumers resume by themselves, and the redelivered requests
 * rebuild what was forgotten).
 */
@Component
class BrokerLossWatch {

	BrokerLossWatch(ClusterConnection cluster, TaskScheduler scheduler, TaskIntake intake) {
		cluster.onBrokerLostAndBack(() -> {
			intake.brokerLost();
			scheduler.brokerLost();
		}, () -> {
		});
	}

}

package io.jparallel.protocol.broker;

/**
 * A user a {@link PrivateRabbitNode} has from its first boot, with its own virtual host and its permissions
 * there (regular expressions over resource names, as {@code rabbitmqctl set_permissions} takes them).
 *
 * @param name the user name
 * @param password its password, stored in the node only as a salted SHA-256 hash
 * @param vhost its virtual host, created with it
 * @param configure the names it may declare and delete
 * @param write the names it may publish to
 * @param read the names it may consume from
 */
public record BootUser(String name, String password, String vhost, String configure, String write, String read) {

	@Override
	public String toString() {
		return "BootUser[" + this.name + " in " + this.vhost + "]";
	}

}

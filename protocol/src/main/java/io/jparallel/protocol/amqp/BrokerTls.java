package io.jparallel.protocol.amqp;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;

import io.jparallel.protocol.connection.ConnectionInfo;

/**
 * TLS to the broker ({@code amqps}): the broker's certificate must chain to the connection file's CA
 * certificate (or, without one, to the JVM's trust store) and name the host connected to. The Java
 * client's own {@code amqps} default trusts every certificate; this replaces it.
 */
public final class BrokerTls {

	private BrokerTls() {
	}

	/** Makes {@code rabbit} (whose URI is already set) verify the broker as {@code info} says, if TLS. */
	public static void configure(com.rabbitmq.client.ConnectionFactory rabbit, ConnectionInfo info) {
		if (!info.isTls()) {
			return;
		}
		rabbit.useSslProtocol(context(info.brokerCaCertificate()));
		rabbit.enableHostnameVerification();
	}

	/**
	 * An SSL context trusting the certificates in {@code caPem} (PEM text, one or more certificates), or
	 * the JVM's default trust store when {@code null}.
	 */
	public static SSLContext context(@Nullable String caPem) {
		try {
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			if (caPem == null || caPem.isBlank()) {
				trust.init((KeyStore) null);
			}
			else {
				KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
				store.load(null, null);
				Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
					.generateCertificates(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)));
				if (certificates.isEmpty()) {
					throw new IllegalArgumentException("The broker CA certificate holds no PEM certificate");
				}
				int i = 0;
				for (Certificate certificate : certificates) {
					store.setCertificateEntry("broker-ca-" + i++, certificate);
				}
				trust.init(store);
			}
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException | java.io.IOException ex) {
			throw new IllegalArgumentException("Cannot set up TLS to the broker: " + ex.getMessage(), ex);
		}
	}

}

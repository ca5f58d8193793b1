package io.jparallel.hub.audit;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/** The database cannot be written just now (down, unreachable, busy): worth trying again later. */
final class DatabaseUnavailableException extends RuntimeException {

	DatabaseUnavailableException(Throwable cause) {
		super(cause.getMessage(), cause);
	}

	/** Whether {@code ex} says the database is unavailable rather than refusing what was written. */
	static boolean isUnavailable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
					|| cause instanceof DataAccessResourceFailureException
					|| cause instanceof CannotCreateTransactionException || cause instanceof SQLTransientException
					|| cause instanceof SQLRecoverableException || cause instanceof SQLNonTransientConnectionException) {
				return true;
			}
		}
		return false;
	}

}

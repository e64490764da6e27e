package uk.cpis.server.notifications;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.matcher.SearchParamMatcher;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.springframework.stereotype.Component;

/**
 * The server writes its AuditEvents through the DAO with its own request details, so hooks on the
 * REST server never see them. These hooks are registered on HAPI's JPA interceptor service instead,
 * which sees every write: an unscheduled access record's care setting is noted when it is stored
 * (the look-up that wrote it already tagged it if it completes a repeat-attendance pattern), and every
 * notification is queued for delivery in the transaction that stores it.
 */
@Component
public class NotificationStorageHooks {

	private final IInterceptorService jpaInterceptors;
	private final NotificationQueue queue;
	private final Marks marks;

	public NotificationStorageHooks(IInterceptorService jpaInterceptors, NotificationOutbox outbox, ActiveSubscriptions subscriptions,
			SearchParamMatcher matcher, NotificationDelivery delivery, RepeatAttendance repeatAttendance) {
		this.jpaInterceptors = jpaInterceptors;
		this.queue = new NotificationQueue(outbox, subscriptions, matcher, delivery::wake);
		this.marks = new Marks(repeatAttendance);
	}

	@PostConstruct
	void register() {
		jpaInterceptors.registerInterceptor(marks);
		jpaInterceptors.registerInterceptor(queue);
	}

	@PreDestroy
	void unregister() {
		jpaInterceptors.unregisterInterceptor(queue);
		jpaInterceptors.unregisterInterceptor(marks);
	}

	@Interceptor
	static class Marks {

		private final RepeatAttendance repeatAttendance;

		Marks(RepeatAttendance repeatAttendance) {
			this.repeatAttendance = repeatAttendance;
		}

		@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
		public void stored(IBaseResource resource) {
			if (resource instanceof AuditEvent access) {
				repeatAttendance.noteVisit(access);
			}
		}
	}
}

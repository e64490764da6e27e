package uk.cpis.server.fhir;

import org.springframework.context.SmartLifecycle;

/**
 * Work the server does once at start-up, once HAPI's beans exist and before the web server takes
 * requests (Spring starts lifecycle beans by ascending phase, the web server last). A subclass does
 * the work in {@link #prepare()} and takes its place in the order with {@link #getPhase()}.
 */
public abstract class StartUpStep implements SmartLifecycle {

	private volatile boolean done;

	/** The work; an exception stops the server from starting. */
	protected abstract void prepare();

	@Override
	public final void start() {
		prepare();
		done = true;
	}

	@Override
	public void stop() {
		done = false;
	}

	@Override
	public boolean isRunning() {
		return done;
	}
}

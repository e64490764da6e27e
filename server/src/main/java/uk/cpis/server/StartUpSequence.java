package uk.cpis.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import uk.cpis.server.audit.AuditEventSearchIndex;
import uk.cpis.server.fhir.StartUpStep;
import uk.cpis.server.plans.NoDuplicateRecords;
import uk.cpis.server.profiles.CpisPackageInstaller;
import uk.cpis.server.profiles.ValidatorWarmUp;
import uk.cpis.server.sampledata.SampleDataLoader;

/**
 * What the server does at start-up, in order, written here once. The steps run once HAPI's beans
 * exist and before the web server takes a request (Spring starts lifecycle beans by phase, the web
 * server last); an exception in any of them stops the server from starting. Then, once the web
 * server is up and before the server reports itself ready, the sample data is loaded if enabled.
 * (The notification workers start after the web server, with their own lifecycle.)
 */
@Component
class StartUpSequence implements SmartLifecycle, ApplicationRunner {

    static final List<Class<? extends StartUpStep>> BEFORE_REQUESTS = List.of(
            // the CP-IS profiles, terminology and search parameters, so no request meets a server without them
            CpisPackageInstaller.class,
            // the server's own indexes: unique records per council, and only the AuditEvent searches CP-IS offers
            NoDuplicateRecords.class,
            AuditEventSearchIndex.class,
            // the validator's snapshots and terminology built now, not on a council's first upload (in the
            // background: writes wait for it, look-ups do not)
            ValidatorWarmUp.class);

    private final ApplicationContext context;
    private final ObjectProvider<SampleDataLoader> sampleData;
    private volatile boolean running;

    StartUpSequence(ApplicationContext context, ObjectProvider<SampleDataLoader> sampleData) {
        this.context = context;
        this.sampleData = sampleData;
    }

    @Override
    public void start() {
        BEFORE_REQUESTS.forEach(step -> context.getBean(step).prepare());
        running = true;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        sampleData.ifAvailable(loader -> {
            try {
                loader.load();
            } catch (IOException unreadable) {
                throw new UncheckedIOException(unreadable);
            }
        });
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before every other lifecycle bean, the web server included. */
    @Override
    public int getPhase() {
        return 0;
    }
}

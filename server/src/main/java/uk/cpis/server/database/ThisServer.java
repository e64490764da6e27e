package uk.cpis.server.database;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.stereotype.Component;

/**
 * This server among the servers of a cluster, as it signs the work it claims in the shared database
 * (notification deliveries, scheduled jobs): host name and process id, so an operator can tell which
 * server holds what.
 */
@Component
public class ThisServer {

    private final String id;

    public ThisServer() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        String full = host + ":" + ProcessHandle.current().pid();
        this.id = full.length() <= 60 ? full : full.substring(full.length() - 60);
    }

    public String id() {
        return id;
    }
}

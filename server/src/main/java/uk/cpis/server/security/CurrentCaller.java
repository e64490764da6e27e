package uk.cpis.server.security;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/** The caller of the request being handled on this thread, from its validated token. */
@Component
public class CurrentCaller {

    private final SecurityProperties properties;

    public CurrentCaller(SecurityProperties properties) {
        this.properties = properties;
    }

    /** Empty for work the server does itself (start-up, scheduled jobs), which has no caller. */
    public Optional<CallerIdentity> identity() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            return Optional.of(CallerIdentity.from(token.getToken(), properties.claims()));
        }
        return Optional.empty();
    }

    public CpisActor actor() {
        return identity().map(caller -> CpisActor.fromScopes(caller.scopes())).orElse(CpisActor.NONE);
    }
}

package uk.cpis.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The kind of caller a token's scopes make (CpisActor.fromScopes). */
class CpisActorTest {

    @Test
    void eachCpisScopeMakesItsActor() {
        assertThat(CpisActor.fromScopes(List.of("cpis.la-social-care"))).isEqualTo(CpisActor.LOCAL_AUTHORITY_SYSTEM);
        assertThat(CpisActor.fromScopes(List.of("cpis.clinician"))).isEqualTo(CpisActor.CLINICIAN);
        assertThat(CpisActor.fromScopes(List.of("cpis.board-admin"))).isEqualTo(CpisActor.BOARD_ADMINISTRATOR);
    }

    @Test
    void otherScopesBesideOneCpisScopeDoNotMatter() {
        assertThat(CpisActor.fromScopes(List.of("openid", "cpis.clinician", "profile")))
                .isEqualTo(CpisActor.CLINICIAN);
    }

    @Test
    void noCpisScopeIsAllowedNothing() {
        assertThat(CpisActor.fromScopes(List.of())).isEqualTo(CpisActor.NONE);
        assertThat(CpisActor.fromScopes(List.of("openid", "cpis.admin"))).isEqualTo(CpisActor.NONE);
    }

    @Test
    void twoCpisScopesAreAmbiguousAndAllowedNothing() {
        assertThat(CpisActor.fromScopes(List.of("cpis.clinician", "cpis.la-social-care")))
                .isEqualTo(CpisActor.NONE);
        assertThat(CpisActor.fromScopes(List.of("cpis.board-admin", "cpis.clinician")))
                .isEqualTo(CpisActor.NONE);
    }

    @Test
    void onlyCouncilsAndCliniciansSeePatientData() {
        assertThat(CpisActor.LOCAL_AUTHORITY_SYSTEM.seesPatientData()).isTrue();
        assertThat(CpisActor.CLINICIAN.seesPatientData()).isTrue();
        assertThat(CpisActor.BOARD_ADMINISTRATOR.seesPatientData()).isFalse();
        assertThat(CpisActor.NONE.seesPatientData()).isFalse();
    }

    @Test
    void scopesAreMatchedExactly() {
        assertThat(CpisActor.fromScopes(List.of("CPIS.CLINICIAN"))).isEqualTo(CpisActor.NONE);
        assertThat(CpisActor.fromScopes(List.of("cpis.clinician.extra"))).isEqualTo(CpisActor.NONE);
        assertThat(CpisActor.fromScopes(List.of("cpis.clinician cpis.board-admin")))
                .isEqualTo(CpisActor.NONE);
    }

    @Test
    void theSameScopeTwiceIsStillOneActor() {
        assertThat(CpisActor.fromScopes(List.of("cpis.clinician", "cpis.clinician")))
                .isEqualTo(CpisActor.CLINICIAN);
    }

    @Test
    void allThreeCpisScopesAreAmbiguous() {
        assertThat(CpisActor.fromScopes(List.of("cpis.la-social-care", "cpis.clinician", "cpis.board-admin")))
                .isEqualTo(CpisActor.NONE);
    }

    @Test
    void eachActorButNoneHasItsOwnScope() {
        assertThat(CpisActor.NONE.scope()).isNull();
        for (CpisActor actor : CpisActor.values()) {
            if (actor != CpisActor.NONE) {
                assertThat(CpisActor.fromScopes(List.of(actor.scope()))).isEqualTo(actor);
            }
        }
    }
}

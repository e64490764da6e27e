package uk.cpis.ig.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProfilePageTest {

    @Test
    void firstSentenceStopsAtAFullStopBeforeACapital() {
        assertThat(ProfilePage.firstSentence("Another board, e.g. the HWB. It is accountable."))
                .isEqualTo("Another board, e.g. the HWB.");
        assertThat(ProfilePage.firstSentence("Version 1.0 of it")).isEqualTo("Version 1.0 of it");
        assertThat(ProfilePage.firstSentence("")).isEmpty();
    }
}

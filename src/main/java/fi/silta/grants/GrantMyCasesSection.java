package fi.silta.grants;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.silta.portal.MyCasesSection;
import fi.silta.web.Section;

/** A contact's unsent grant application drafts in rounds that are still open, on "my cases". */
@Component
class GrantMyCasesSection implements MyCasesSection {

    /** A draft the contact can go on with. */
    record Draft(String title, String link) {
    }

    private final JdbcClient jdbc;
    private final GrantRoundRepository rounds;

    GrantMyCasesSection(JdbcClient jdbc, GrantRoundRepository rounds) {
        this.jdbc = jdbc;
        this.rounds = rounds;
    }

    @Override
    public List<Section> myCases(String email, Locale locale) {
        List<Draft> drafts = draftsOf(email, locale);
        return drafts.isEmpty() ? List.of() : List.of(new Section("grants/my-drafts", Map.of("drafts", drafts)));
    }

    List<Draft> draftsOf(String email, Locale locale) {
        List<Long> roundIds = jdbc.sql("select distinct round_id from grant_application where contact_email = ? and status = 'DRAFT'")
                .param(email).query(Long.class).list();
        return roundIds.stream().map(rounds::find).flatMap(java.util.Optional::stream)
                .filter(r -> r.status() == GrantRound.Status.PUBLISHED)
                .map(r -> new Draft(r.name(locale), "/portal/grants/" + r.id() + "/apply")).toList();
    }
}

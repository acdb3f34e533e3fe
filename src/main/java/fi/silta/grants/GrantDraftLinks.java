package fi.silta.grants;

import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.silta.portal.DraftLinks;

/** Grant application drafts of a contact in rounds that are still open. */
@Component
public class GrantDraftLinks implements DraftLinks {

    private final JdbcClient jdbc;
    private final GrantRoundRepository rounds;

    public GrantDraftLinks(JdbcClient jdbc, GrantRoundRepository rounds) {
        this.jdbc = jdbc;
        this.rounds = rounds;
    }

    @Override
    public List<Draft> draftsOf(String email, Locale locale) {
        List<Long> roundIds = jdbc.sql("select distinct round_id from grant_application where contact_email = ? and status = 'DRAFT'")
                .param(email).query(Long.class).list();
        return roundIds.stream().map(rounds::find).flatMap(java.util.Optional::stream)
                .filter(r -> r.status() == GrantRound.Status.PUBLISHED)
                .map(r -> new Draft(r.name(locale), "/portal/grants/" + r.id() + "/apply")).toList();
    }
}

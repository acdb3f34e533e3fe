package fi.silta.grants;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The instalments of the fundings ({@code grant_payment}). */
@Repository
public class GrantPayments {

    static final String COLUMNS = "id, funding_id, instalment, amount, status, iban, holder, reference, batch_id, stop_reason, "
            + "due_since, paid_at";

    private final JdbcClient jdbc;

    public GrantPayments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<GrantPayment> ofFunding(long fundingId) {
        return jdbc.sql("select " + COLUMNS + " from grant_payment where funding_id = ? order by instalment").param(fundingId)
                .query((rs, n) -> new GrantPayment(rs.getLong("id"), rs.getLong("funding_id"), rs.getInt("instalment"),
                        rs.getBigDecimal("amount"), GrantPayment.Status.valueOf(rs.getString("status")), rs.getString("iban"),
                        rs.getString("holder"), rs.getString("reference"), (Long) rs.getObject("batch_id", Long.class),
                        rs.getString("stop_reason"), rs.getObject("due_since", OffsetDateTime.class),
                        rs.getObject("paid_at", OffsetDateTime.class)))
                .list();
    }

    /**
     * The instalment becomes due, paid to this account: only from {@code PENDING}, and never for a funding that
     * was declined or stopped (a payment of such a grant never becomes due again). True when it became due.
     */
    public boolean makeDue(long fundingId, int instalment, String iban, String holder, OffsetDateTime now) {
        return jdbc.sql("update grant_payment set status = 'DUE', iban = ?, holder = ?, due_since = ? where funding_id = ? "
                        + "and instalment = ? and status = 'PENDING' and exists (select 1 from grant_funding f where f.id = ? "
                        + "and f.status not in ('DECLINED', 'STOPPED', 'DONE'))")
                .params(iban, holder, now, fundingId, instalment, fundingId).update() == 1;
    }

    /**
     * Every payment of the funding not yet paid gets {@code status} ({@code STOPPED} or {@code CANCELLED}) and the
     * reason; one in a batch not yet approved ({@code IN_BATCH}) is taken out of it. Returns how many.
     */
    public int closeUnpaid(long fundingId, GrantPayment.Status status, String reason) {
        return jdbc.sql("update grant_payment set status = ?, stop_reason = ?, batch_id = null where funding_id = ? "
                        + "and status in ('PENDING', 'DUE', 'IN_BATCH')")
                .params(status.name(), reason, fundingId).update();
    }

    /** Whether a payment of the organisation's fundings is in a batch not yet paid (the account is then frozen). */
    public boolean inBatch(long organisationId) {
        return jdbc.sql("select count(*) from grant_payment p join grant_funding f on f.id = p.funding_id "
                        + "where f.organisation_id = ? and p.batch_id is not null and p.status = 'IN_BATCH'")
                .param(organisationId).query(Long.class).single() > 0;
    }
}

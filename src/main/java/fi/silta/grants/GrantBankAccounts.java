package fi.silta.grants;

import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The organisations' bank accounts ({@code grant_bank_account}): the current one has {@code replaced_at} null. */
@Repository
public class GrantBankAccounts {

    private final JdbcClient jdbc;

    public GrantBankAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<GrantBankAccount> current(long organisationId) {
        return jdbc.sql("select id, organisation_id, iban, holder, confirmed_by, confirmed_at from grant_bank_account "
                        + "where organisation_id = ? and replaced_at is null order by id desc")
                .param(organisationId)
                .query((rs, n) -> new GrantBankAccount(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class)))
                .list().stream().findFirst();
    }

    /** The organisation's account from now on; the one before is kept, marked replaced. */
    public void replace(long organisationId, String iban, String holder, String confirmedBy, OffsetDateTime now) {
        jdbc.sql("update grant_bank_account set replaced_at = ? where organisation_id = ? and replaced_at is null")
                .params(now, organisationId).update();
        jdbc.sql("insert into grant_bank_account (organisation_id, iban, holder, confirmed_by, confirmed_at) values (?, ?, ?, ?, ?)")
                .params(organisationId, iban, holder, confirmedBy, now).update();
    }

    /** Holds the organisation's row: account changes of one organisation one after the other. */
    public void lockOrganisation(long organisationId) {
        jdbc.sql("select id from organisation where id = ? for update").param(organisationId).query(Long.class).optional();
    }
}

package fi.silta.grants;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.iban4j.IbanFormatException;
import org.iban4j.IbanUtil;
import org.iban4j.InvalidCheckDigitException;
import org.iban4j.UnsupportedCountryException;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.SiltaProperties;
import fi.silta.cases.CaseFile;
import fi.silta.notifications.MailOutbox;
import fi.silta.organisations.Contact;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.organisations.Verification;
import fi.silta.web.InvalidInput;

/**
 * A granted application's payment (process {@code grantFunding}): the organisation's bank account (confirmed in the
 * funding's outsider task, changed later on the status page), the instalments becoming due, "declined by the
 * applicant" and "do not pay". Every rule is checked here; a refusal is an {@link InvalidInput} with fi/sv/en
 * messages and stores nothing.
 */
@Service
public class GrantFundingService {

    public static final String DECLINED_MESSAGE = "GrantDeclinedByApplicant";
    public static final String STOPPED_MESSAGE = "GrantPaymentStopped";
    /** The message helper B's batch correlates per paid payment, with the funding's {@code processInstanceId}. */
    public static final String PAID_MESSAGE = "GrantInstalmentPaid";
    /** The creditor's name in the bank file: Max70Text in pain.001.001.03, 70 in the SEPA rulebook. */
    static final int HOLDER_MAX = 70;
    static final int REASON_MAX = 2000;

    /** A bank account as typed, checked: the IBAN normalised (no spaces, upper case), the holder's name. */
    public record Account(String iban, String holder) {
    }

    private final GrantFundings fundings;
    private final GrantPayments payments;
    private final GrantBankAccounts accounts;
    private final OrganisationRepository organisations;
    private final MailOutbox outbox;
    private final RuntimeService runtime;
    private final JdbcClient jdbc;
    private final SiltaProperties properties;
    private final Clock clock;

    public GrantFundingService(GrantFundings fundings, GrantPayments payments, GrantBankAccounts accounts,
            OrganisationRepository organisations, MailOutbox outbox, @Lazy RuntimeService runtime, JdbcClient jdbc,
            SiltaProperties properties, Clock clock) {
        this.fundings = fundings;
        this.payments = payments;
        this.accounts = accounts;
        this.organisations = organisations;
        this.outbox = outbox;
        this.runtime = runtime;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** The funding a {@code grantFunding} instance carries (from Silta's table, never from a variable a form could set). */
    public GrantFunding ofProcess(String processInstanceId) {
        return jdbc.sql("select " + GrantFundings.COLUMNS + " from grant_funding where process_instance_id = ?").param(processInstanceId)
                .query(GrantFundings::funding).optional()
                .orElseThrow(() -> new IllegalStateException("no funding for process " + processInstanceId));
    }

    /** The IBAN checked with iban4j (country, length, format, check digits): normalised, or refused. */
    public static String checkedIban(String typed, InvalidInput.Collector errors) {
        if (typed == null || typed.isBlank()) {
            errors.add("iban", "validation.required");
            return null;
        }
        String iban = typed.replaceAll("[\\s\\u00a0-]", "").toUpperCase(java.util.Locale.ROOT);
        try {
            IbanUtil.validate(iban);
            return iban;
        } catch (IbanFormatException | InvalidCheckDigitException | UnsupportedCountryException invalid) {
            errors.add("iban", "grants.account.iban.invalid");
            return null;
        }
    }

    public static Account checkedAccount(String iban, String holder) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String normalised = checkedIban(iban, errors);
        String name = holder == null ? null : holder.strip();
        if (name == null || name.isEmpty()) {
            errors.add("holder", "validation.required");
        } else if (name.length() > HOLDER_MAX) {
            errors.add("holder", "grants.account.holder.tooLong", HOLDER_MAX);
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            // one line in the bank file: a line break or a tab makes the whole batch's file invalid at the bank
            errors.add("holder", "grants.account.holder.invalid");
        }
        errors.throwIfAny();
        return new Account(normalised, name);
    }

    /** What the bank account task shows: the organisation's current account to confirm (or none yet) and the amount. */
    public Map<String, Object> accountTaskValues(GrantFunding funding) {
        Map<String, Object> values = new HashMap<>();
        // the holder only: a task's variables (and their history) are read in Cockpit, the IBAN is not put there
        accounts.current(funding.organisationId()).ifPresent(account -> values.put("holder", account.holder()));
        values.put("fundingAmountText", new fi.silta.web.Formats("fi").money(funding.amountGranted()));
        return values;
    }

    /**
     * The organisation's contact confirmed the account in the funding's task ({@code by} is who answered in the portal;
     * nobody else may). A different account than the current one is a change: refused while a payment of the
     * organisation is in a batch, and mailed to every verified contact.
     */
    @Transactional
    public void confirmAccount(GrantFunding funding, String iban, String holder, String by) {
        if (by == null || by.isBlank()) {
            throw InvalidInput.of("iban", "grants.account.portalOnly");
        }
        Account account = checkedAccount(iban, holder);
        store(funding, account, by);
    }

    /**
     * A signed-in verified contact of the case's organisation changes its bank account on the status page (the caller
     * checked who they are); refused when the case has no funding, and once a payment of the organisation is in a batch.
     */
    @Transactional
    public void changeAccount(CaseFile caseFile, String iban, String holder, String by) {
        GrantFunding funding = fundings.ofCase(caseFile.id()).filter(f -> f.status().open())
                .orElseThrow(() -> InvalidInput.of("iban", "grants.account.noFunding"));
        Account account = checkedAccount(iban, holder);
        store(funding, account, by);
    }

    private void store(GrantFunding funding, Account account, String by) {
        long organisationId = funding.organisationId();
        accounts.lockOrganisation(organisationId);
        Optional<GrantBankAccount> before = accounts.current(organisationId);
        boolean same = before.filter(b -> b.iban().equals(account.iban()) && b.holder().equals(account.holder())).isPresent();
        if (!same && payments.inBatch(organisationId)) {
            throw InvalidInput.of("iban", "grants.account.frozen");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        accounts.replace(organisationId, account.iban(), account.holder(), by, now);
        if (same) {
            return;
        }
        // a payment already due but in no batch yet goes to the account in force
        jdbc.sql("update grant_payment set iban = ?, holder = ? where status = 'DUE' and batch_id is null and funding_id in "
                + "(select id from grant_funding where organisation_id = ?)").params(account.iban(), account.holder(), organisationId)
                .update();
        if (before.isPresent()) {
            mailChange(funding, before.get().iban(), account, by);
        }
    }

    /** Every verified contact of the organisation hears of the change (the classic way to redirect a payment). */
    private void mailChange(GrantFunding funding, String oldIban, Account account, String by) {
        String reference = jdbc.sql("select reference from case_file where id = ?").param(funding.caseId()).query(String.class).single();
        String organisationName = jdbc.sql("select name from organisation where id = ?").param(funding.organisationId())
                .query(String.class).single();
        for (Contact contact : organisations.contacts(funding.organisationId())) {
            if (contact.verification() != Verification.VERIFIED) {
                continue;
            }
            Map<String, Object> model = new HashMap<>();
            model.put("contactName", contact.name());
            model.put("organisationName", organisationName);
            model.put("caseReference", reference);
            model.put("oldIban", GrantBankAccount.masked(oldIban));
            model.put("newIban", GrantBankAccount.masked(account.iban()));
            model.put("holder", account.holder());
            model.put("changedBy", by);
            model.put("baseUrl", properties.baseUrl());
            outbox.enqueue("grant-account-changed", contact.email(), contact.language(), model, reference);
        }
    }

    /**
     * The instalment becomes due, to the organisation's current account (copied onto the payment). Nothing for a
     * declined or stopped funding.
     */
    @Transactional
    public boolean instalmentDue(GrantFunding funding, int instalment) {
        GrantFunding locked = fundings.lock(funding.id());
        if (!locked.status().open()) {
            return false;
        }
        GrantBankAccount account = accounts.current(locked.organisationId())
                .orElseThrow(() -> new IllegalStateException("no bank account for organisation " + locked.organisationId()));
        boolean due = payments.makeDue(locked.id(), instalment, account.iban(), account.holder(), OffsetDateTime.now(clock));
        if (due) {
            fundings.status(locked.id(), GrantFunding.Status.PAYING);
        }
        return due;
    }

    /** Sets the funding's status while it is still open (a declined or stopped funding keeps its status). */
    @Transactional
    public void status(GrantFunding funding, GrantFunding.Status status) {
        GrantFunding locked = fundings.lock(funding.id());
        if (locked.status().open() || status == GrantFunding.Status.RECOVERY) {
            fundings.status(locked.id(), status);
        }
    }

    /**
     * Whether the organisation may decline the grant now: it is open and nothing has been paid yet. Once money has
     * been paid, declining would leave it unaccounted for: the organisation reports on it (and what it did not use
     * is recovered), or asks for a change; the county can still stop the rest ("do not pay").
     */
    public boolean mayDecline(GrantFunding funding) {
        return funding.status().open() && fundings.paid(funding.id()).signum() == 0
                && payments.ofFunding(funding.id()).stream().anyMatch(p -> !p.status().closed());
    }

    /** The applicant declines the grant (a verified contact on the status page; the caller checked who). */
    @Transactional
    public void decline(CaseFile caseFile, String by) {
        GrantFunding funding = fundings.ofCase(caseFile.id()).orElseThrow(() -> InvalidInput.of("decline", "grants.funding.none"));
        funding = fundings.lock(funding.id());
        if (!funding.status().open()) {
            throw InvalidInput.of("decline", "grants.funding.closed");
        }
        if (fundings.paid(funding.id()).signum() > 0) {
            throw InvalidInput.of("decline", "grants.funding.partlyPaid");
        }
        if (!mayDecline(funding)) {
            throw InvalidInput.of("decline", "grants.funding.allPaid");
        }
        runtime.createMessageCorrelation(DECLINED_MESSAGE).processInstanceId(funding.processInstanceId())
                .setVariable("declinedBy", by).correlateWithResult();
    }

    /** A coordinator's "do not pay" with a reason (the caller checked the role). */
    @Transactional
    public void stop(CaseFile caseFile, String reason, String by) {
        GrantFunding funding = fundings.ofCase(caseFile.id()).orElseThrow(() -> InvalidInput.of("stopReason", "grants.funding.none"));
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty()) {
            throw InvalidInput.of("stopReason", "validation.required");
        }
        if (text.length() > REASON_MAX) {
            throw InvalidInput.of("stopReason", "grants.payment.reason.tooLong", REASON_MAX);
        }
        funding = fundings.lock(funding.id());
        if (!funding.status().open()) {
            throw InvalidInput.of("stopReason", "grants.funding.closed");
        }
        if (payments.ofFunding(funding.id()).stream().allMatch(p -> p.status().closed())) {
            throw InvalidInput.of("stopReason", "grants.payment.allPaid");
        }
        runtime.createMessageCorrelation(STOPPED_MESSAGE).processInstanceId(funding.processInstanceId())
                .setVariable("stopReason", text).setVariable("stoppedBy", by).correlateWithResult();
    }

    /** The process's side of a decline: what is unpaid is cancelled (also taken out of an unapproved batch). */
    @Transactional
    public void declined(GrantFunding funding) {
        fundings.lock(funding.id());
        payments.closeUnpaid(funding.id(), GrantPayment.Status.CANCELLED, null);
        fundings.status(funding.id(), GrantFunding.Status.DECLINED);
    }

    /** The process's side of "do not pay": what is unpaid is stopped with the reason; true when something was paid. */
    @Transactional
    public boolean stopped(GrantFunding funding, String reason) {
        fundings.lock(funding.id());
        payments.closeUnpaid(funding.id(), GrantPayment.Status.STOPPED, reason);
        fundings.status(funding.id(), GrantFunding.Status.STOPPED);
        return fundings.paid(funding.id()).compareTo(BigDecimal.ZERO) > 0;
    }

    /** The final report was accepted: done (a stopped funding stays stopped). */
    @Transactional
    public void done(GrantFunding funding) {
        GrantFunding locked = fundings.lock(funding.id());
        if (locked.status() != GrantFunding.Status.STOPPED && locked.status() != GrantFunding.Status.DECLINED) {
            fundings.status(locked.id(), GrantFunding.Status.DONE);
        }
    }

    public List<GrantPayment> payments(GrantFunding funding) {
        return payments.ofFunding(funding.id());
    }

    public Optional<GrantBankAccount> account(long organisationId) {
        return accounts.current(organisationId);
    }
}

package fi.silta.grants;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseRepository;
import fi.silta.cases.Deadlines;
import fi.silta.organisations.Contact;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.organisations.Verification;
import fi.silta.web.Decimals;
import fi.silta.web.InvalidInput;
import fi.silta.web.Locales;

/**
 * What {@code grantUseOfFundsReport} does, as plain Java: the report's due instant from the terms in force, the
 * organisation's report checked and stored as a new version, the coordinator's review; and for the eligibility of
 * the next round, whether an organisation has a report overdue.
 *
 * <p>Every step finds its report by the process instance (the report row keeps it) and its funding from there, never
 * from a variable that a Tasklist form could have set.
 */
@Service
public class GrantReportService {

    /** Days the organisation gets to send more when the coordinator asks (the deadline at 16.00 that day). */
    public static final int MORE_DAYS = 30;
    /** The first reminder, days before the due day. */
    public static final int REMINDER_DAYS_BEFORE = 30;
    /** The reminder on the due day goes out in the morning; the report is due at {@link Deadlines#CLOSING_TIME}. */
    public static final LocalTime DUE_DAY_MAIL_TIME = LocalTime.of(9, 0);
    static final int OUTCOMES_MAX = 8000;

    /** Where the report's wait stands after {@link #open}: the instants of its timers and whether their mails go. */
    public record Due(GrantReport report, GrantFunding funding, ZonedDateTime dueAt, ZonedDateTime reminderAt, boolean remind,
            ZonedDateTime dueDayAt, boolean dueDayMail) {
    }

    /** What the organisation typed, as the form hands it over (lines in the order of the terms' lines). */
    public record Submission(List<Object> used, Object unused, Object peopleReached, Object activitiesHeld, Object outcomes,
            String documentIds) {
    }

    private final GrantReports reports;
    private final GrantFundings fundings;
    private final CaseRepository cases;
    private final OrganisationRepository organisations;
    private final GrantApplicationRepository applications;
    private final Clock clock;

    public GrantReportService(GrantReports reports, GrantFundings fundings, CaseRepository cases, OrganisationRepository organisations,
            GrantApplicationRepository applications, Clock clock) {
        this.reports = reports;
        this.fundings = fundings;
        this.cases = cases;
        this.organisations = organisations;
        this.applications = applications;
        this.clock = clock;
    }

    /**
     * The report asked by this process: on its first step the row is made from the in-variables (the funding must be
     * the case's of the business key); on every step the due instant is computed again from the terms in force (a
     * granted change request may have moved it) or the later day given when more was asked.
     */
    @Transactional
    public Due open(String processInstanceId, String caseReference, Object fundingIdVariable, Object kindVariable) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        GrantReport report = reports.ofProcess(processInstanceId).orElse(null);
        if (report == null) {
            if (!(fundingIdVariable instanceof Number fundingId)) {
                throw new IllegalStateException("grantUseOfFundsReport needs fundingId");
            }
            GrantFunding funding = fundings.find(fundingId.longValue())
                    .orElseThrow(() -> new IllegalStateException("no funding " + fundingId));
            CaseFile caseFile = cases.find(funding.caseId()).orElseThrow();
            if (!caseFile.reference().equals(caseReference)) {
                throw new IllegalStateException("funding " + funding.id() + " is not of case " + caseReference);
            }
            GrantReport.Kind kind = GrantReport.Kind.valueOf(String.valueOf(kindVariable));
            ZonedDateTime due = dueOfTerms(funding, kind);
            long id = reports.of(funding.id(), kind).map(GrantReport::id)
                    .orElseGet(() -> reports.insert(funding.id(), kind, processInstanceId, due.toOffsetDateTime(), now));
            report = reports.lock(id);
        }
        GrantFunding funding = fundings.find(report.fundingId()).orElseThrow();
        ZonedDateTime due = dueOfTerms(funding, report.kind());
        if (report.moreDueAt() != null && report.moreDueAt().toInstant().isAfter(due.toInstant())) {
            due = report.moreDueAt().atZoneSameInstant(Locales.HELSINKI);
        }
        reports.due(report.id(), processInstanceId, due.toOffsetDateTime());
        ZonedDateTime reminder = due.minusDays(REMINDER_DAYS_BEFORE);
        // no reminder just after the request (a due day nearer than 30 days and a day): the request itself was news
        boolean remind = reminder.toInstant().isAfter(now.plusDays(1).toInstant());
        ZonedDateTime dueDay = due.toLocalDate().atTime(DUE_DAY_MAIL_TIME).atZone(Locales.HELSINKI);
        boolean dueDayMail = dueDay.toInstant().isAfter(now.toInstant());
        return new Due(reports.lock(report.id()), funding, due, remind ? reminder : due, remind, dueDayMail ? dueDay : due, dueDayMail);
    }

    /** The due instant of the terms in force: the report's due day at 16.00 Helsinki (an interim one without its own day: the final's). */
    public static ZonedDateTime dueOfTerms(GrantFunding funding, GrantReport.Kind kind) {
        LocalDate day = kind == GrantReport.Kind.INTERIM && funding.interimReportDue() != null ? funding.interimReportDue()
                : funding.reportDue();
        return day.atTime(Deadlines.CLOSING_TIME).atZone(Locales.HELSINKI);
    }

    /** The report's process variables for the organisation's form: the terms' lines (with the last version's figures when more was asked). */
    public Map<String, Object> formValues(Due due) {
        GrantReport.Version last = latest(due.report().id());
        List<BudgetLine> terms = fundings.lines(due.funding().id());
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("description", terms.get(i).description());
            line.put("budgeted", terms.get(i).amount().setScale(2).toPlainString());
            if (last != null && last.lines().size() == terms.size()) {
                line.put("used", last.lines().get(i).used().toPlainString());
            }
            lines.add(line);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("reportLines", lines);
        values.put("reportAmountGranted", due.funding().amountGranted().setScale(2).toPlainString());
        values.put("reportGoals", applications.find(due.funding().applicationId()).map(GrantApplication::goals).orElse(""));
        values.put("reportRequest", last != null && due.report().status() == GrantReport.Status.MORE_ASKED ? last.reviewText() : null);
        values.put("reportUnused", last == null ? null : last.unused().toPlainString());
        values.put("reportPeopleReached", last == null ? null : (long) last.peopleReached());
        values.put("reportActivitiesHeld", last == null ? null : (long) last.activitiesHeld());
        values.put("reportOutcomes", last == null ? null : last.outcomes());
        return values;
    }

    /**
     * Checks the organisation's report and stores it as a new version, or refuses it with the reader's messages and
     * stores nothing: only a verified contact of the funding's organisation, only while the report is awaited (a second
     * tab's send is refused), the lines of the terms in force, no negative figure, used plus unused exactly the amount granted.
     */
    @Transactional
    public GrantReport.Version submit(String processInstanceId, String by, Submission submission) {
        GrantReport report = reports.ofProcess(processInstanceId).map(r -> reports.lock(r.id()))
                .orElseThrow(() -> new IllegalStateException("no report of process " + processInstanceId));
        GrantFunding funding = fundings.find(report.fundingId()).orElseThrow();
        Contact contact = by == null ? null : organisations.contactByEmail(funding.organisationId(), by).orElse(null);
        if (contact == null || contact.verification() != Verification.VERIFIED) {
            throw InvalidInput.of(fi.silta.portal.PortalSubmissions.GENERAL, "grants.report.notYourGrant");
        }
        if (!report.status().awaited()) {
            throw InvalidInput.of(fi.silta.portal.PortalSubmissions.GENERAL, "grants.report.alreadySubmitted");
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        List<BudgetLine> terms = fundings.lines(funding.id());
        List<GrantReport.Line> lines = new ArrayList<>();
        if (submission.used() == null || submission.used().size() != terms.size()) {
            errors.add("reportLines", "grants.report.linesDoNotMatch", terms.size());
        } else {
            for (int i = 0; i < terms.size(); i++) {
                BigDecimal used = money("reportLines[" + i + "].used", submission.used().get(i), errors);
                if (used != null) {
                    lines.add(new GrantReport.Line(i, terms.get(i).description(), terms.get(i).amount(), used));
                }
            }
        }
        BigDecimal unused = money("reportUnused", submission.unused(), errors);
        Integer people = count("reportPeopleReached", submission.peopleReached(), errors);
        Integer activities = count("reportActivitiesHeld", submission.activitiesHeld(), errors);
        String outcomes = submission.outcomes() == null ? "" : submission.outcomes().toString().strip();
        if (outcomes.isEmpty()) {
            errors.add("reportOutcomes", "grants.report.outcomes.required");
        } else if (outcomes.length() > OUTCOMES_MAX) {
            errors.add("reportOutcomes", "grants.report.outcomes.tooLong", OUTCOMES_MAX);
        }
        if (errors.isEmpty() && lines.size() == terms.size()) {
            BigDecimal total = lines.stream().map(GrantReport.Line::used).reduce(BigDecimal.ZERO, BigDecimal::add).add(unused);
            if (total.compareTo(funding.amountGranted()) != 0) {
                errors.add("reportUnused", "grants.report.totalMismatch", new fi.silta.web.Money(total),
                        new fi.silta.web.Money(funding.amountGranted()));
            }
        }
        errors.throwIfAny();
        long versionId = reports.insertVersion(report.id(), funding.termsVersion(), unused, people, activities, outcomes,
                submission.documentIds() == null ? "" : submission.documentIds(), by, OffsetDateTime.now(clock), lines);
        reports.status(report.id(), GrantReport.Status.SUBMITTED);
        return reports.versions(report.id()).stream().filter(v -> v.id() == versionId).findFirst().orElseThrow();
    }

    /** The coordinator's review of the latest version: accepted, more asked (a new due day {@link #MORE_DAYS} days on) or recovery. */
    @Transactional
    public GrantReport review(String processInstanceId, GrantReport.Status outcome, String text, String by) {
        GrantReport report = reports.ofProcess(processInstanceId).map(r -> reports.lock(r.id())).orElseThrow();
        GrantReport.Version latest = latest(report.id());
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (latest != null && latest.review() == null && report.status() == GrantReport.Status.SUBMITTED) {
            reports.review(latest.id(), outcome.name(), text, by, now);
        }
        if (outcome == GrantReport.Status.MORE_ASKED) {
            reports.moreAsked(report.id(), LocalDate.now(clock.withZone(Locales.HELSINKI)).plusDays(MORE_DAYS)
                    .atTime(Deadlines.CLOSING_TIME).atZone(Locales.HELSINKI).toOffsetDateTime());
        } else {
            reports.status(report.id(), outcome);
        }
        return reports.lock(report.id());
    }

    public GrantReport.Version latest(long reportId) {
        List<GrantReport.Version> versions = reports.versions(reportId);
        return versions.isEmpty() ? null : versions.get(versions.size() - 1);
    }

    public java.util.Optional<GrantReport> ofProcess(String processInstanceId) {
        return reports.ofProcess(processInstanceId);
    }

    /** A case's reports with their versions (the staff and status pages). */
    public List<GrantReport.WithVersions> ofCase(long caseId) {
        return fundings.ofCase(caseId).map(f -> reports.ofFunding(f.id()).stream()
                .map(r -> new GrantReport.WithVersions(r, reports.versions(r.id()))).toList()).orElse(List.of());
    }

    /**
     * Has the organisation a use-of-funds report overdue? A funding's report (interim when the terms have its day, and
     * final) whose due instant — the terms' due day at 16.00 Helsinki, or the later day the coordinator gave when asking
     * for more — has passed with no version sent. A report sent late clears it from the moment it is sent (also when the
     * coordinator then asks for more). Fundings the applicant declined, or stopped before anything was paid, ask for no report.
     */
    public boolean overdue(long organisationId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Set<String> sent = reports.submitted(organisationId);
        for (GrantFunding funding : fundings.ofOrganisation(organisationId)) {
            if (funding.status() == GrantFunding.Status.DECLINED
                    || funding.status() == GrantFunding.Status.STOPPED && fundings.paid(funding.id()).signum() == 0) {
                continue;
            }
            for (GrantReport.Kind kind : GrantReport.Kind.values()) {
                if (kind == GrantReport.Kind.INTERIM && funding.interimReportDue() == null) {
                    continue;
                }
                ZonedDateTime due = dueOfTerms(funding, kind);
                GrantReport asked = reports.of(funding.id(), kind).orElse(null);
                if (asked != null && asked.moreDueAt() != null && asked.moreDueAt().toInstant().isAfter(due.toInstant())) {
                    due = asked.moreDueAt().atZoneSameInstant(Locales.HELSINKI);
                }
                if (due.toInstant().isBefore(now.toInstant()) && !sent.contains(funding.id() + ":" + kind.name())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static BigDecimal money(String field, Object value, InvalidInput.Collector errors) {
        if (value == null || value.toString().isBlank()) {
            errors.add(field, "grants.report.money.required");
            return null;
        }
        Decimals.Result result = value instanceof BigDecimal d ? new Decimals.Result(d, null) : Decimals.money(value.toString(), true);
        if (!result.ok() || result.value().scale() > 2 && result.value().stripTrailingZeros().scale() > 2) {
            errors.add(field, "grants.report.money.invalid");
            return null;
        }
        if (result.value().signum() < 0) {
            errors.add(field, "grants.report.negative");
            return null;
        }
        return result.value().setScale(2, java.math.RoundingMode.UNNECESSARY);
    }

    private static Integer count(String field, Object value, InvalidInput.Collector errors) {
        if (value == null || value.toString().isBlank()) {
            errors.add(field, "grants.report.count.required");
            return null;
        }
        BigDecimal number;
        try {
            number = new BigDecimal(value.toString().strip());
        } catch (NumberFormatException e) {
            errors.add(field, "grants.report.count.invalid");
            return null;
        }
        if (number.signum() < 0) {
            errors.add(field, "grants.report.negative");
            return null;
        }
        if (number.stripTrailingZeros().scale() > 0 || number.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            errors.add(field, "grants.report.count.invalid");
            return null;
        }
        return number.intValueExact();
    }
}

package fi.silta.demo;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseRepository;
import fi.silta.cases.OutsiderTasks;
import fi.silta.grants.BudgetLine;
import fi.silta.grants.Criterion;
import fi.silta.grants.GrantApplicationRepository;
import fi.silta.grants.GrantBatches;
import fi.silta.grants.GrantDecision;
import fi.silta.grants.GrantDecisionRepository;
import fi.silta.grants.GrantFunding;
import fi.silta.grants.GrantFundings;
import fi.silta.grants.GrantPayment;
import fi.silta.grants.GrantPayments;
import fi.silta.grants.GrantRound;
import fi.silta.grants.GrantRoundRepository;
import fi.silta.grants.GrantSubmissions;
import fi.silta.organisations.Contact;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.security.Roles;
import fi.silta.web.Locales;

/**
 * Part 2b of the grants in the demo (issue 13): a decided example round ("Järjestöavustukset <year>, päätetty esimerkkihaku"), with three granted applications of demo
 * organisations whose decisions have become final, each carried on by its real {@code grantFunding} process to a
 * different point, so that a newcomer sees every part at once:
 * <ol>
 * <li>Oulun Seudun Omaishoitajat ry ({@code maija.salo@omaishoitajat.example}): the funding waits for the bank account
 * (the task "Vahvista tilinumero" on the case's status page);</li>
 * <li>Raahen Mielenterveysyhdistys ry ({@code kari.lehto@raahenmty.example}): the account confirmed, the first (only)
 * instalment due on the coordinators' page {@code /staff/grants/payments}, ready to be batched;</li>
 * <li>Pohjois-Pohjanmaan Ruoka-apuverkosto ry ({@code anna.lindqvist@ruoka-apu.example}, Swedish): paid in batch
 * {@code MAKSU-1} (created by {@code aino.virtanen}, approved by {@code emilia.lahtinen}; its pain.001 and CSV on the
 * payments page), its use-of-funds report awaited on the status page.</li>
 * </ol>
 * Only the application's submission and the decision are taken as given (the round's review and allocation are part
 * 2a's and take weeks): the decision is recorded as the allocation does, and the application's process is moved past
 * its rectification period (the timer's way on) to {@code Task_StartFunding}. Everything after that goes through the
 * real services and processes, jobs executed here in the demo's transaction so that the start stays fast and the
 * demo is whole or absent (a second node, or a second start, finds the registered organisations and stops earlier).
 */
@Component
class DemoGrantFunding {

    private static final Logger log = LoggerFactory.getLogger(DemoGrantFunding.class);
    static final String DECISION_MAKER = "helena.hamalainen";

    private final GrantRoundRepository rounds;
    private final GrantApplicationRepository applications;
    private final GrantSubmissions submissions;
    private final GrantDecisionRepository decisions;
    private final GrantFundings fundings;
    private final GrantPayments payments;
    private final GrantBatches batches;
    private final OutsiderTasks outsiderTasks;
    private final CaseRepository cases;
    private final OrganisationRepository organisations;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final TaskService taskService;
    private final IdentityService identityService;
    private final JdbcClient jdbc;
    private final Clock clock;
    @Value("${silta.demo.grant-funding:true}")
    private boolean enabled = true;

    DemoGrantFunding(GrantRoundRepository rounds, GrantApplicationRepository applications, GrantSubmissions submissions,
            GrantDecisionRepository decisions, GrantFundings fundings, GrantPayments payments, GrantBatches batches,
            OutsiderTasks outsiderTasks, CaseRepository cases, OrganisationRepository organisations, RuntimeService runtime,
            ManagementService management, TaskService taskService, IdentityService identityService, JdbcClient jdbc, Clock clock) {
        this.rounds = rounds;
        this.applications = applications;
        this.submissions = submissions;
        this.decisions = decisions;
        this.fundings = fundings;
        this.payments = payments;
        this.batches = batches;
        this.outsiderTasks = outsiderTasks;
        this.cases = cases;
        this.organisations = organisations;
        this.runtime = runtime;
        this.management = management;
        this.taskService = taskService;
        this.identityService = identityService;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The three fundings of the contacts {@code awaitingAccount}, {@code due} and {@code reporting} (contact ids), in
     * the caller's transaction; nothing when disabled or when one of their organisations already has a funding.
     */
    void load(long awaitingAccount, long due, long reporting) {
        if (!enabled) {
            return;
        }
        Contact first = organisations.contact(awaitingAccount).orElseThrow();
        Contact second = organisations.contact(due).orElseThrow();
        Contact third = organisations.contact(reporting).orElseThrow();
        // DemoData loads once (its registered organisations); this guards a second call on its own
        if (List.of(first, second, third).stream().anyMatch(c -> !fundings.ofOrganisation(c.organisationId()).isEmpty())) {
            return;
        }
        LocalDate today = LocalDate.now(clock.withZone(Locales.HELSINKI));
        OffsetDateTime now = OffsetDateTime.now(clock);
        // the review and the decisions are taken as given, so the round's times are the demo start's; its name says so
        int year = today.getYear();
        long roundId = rounds.insert(null, "Järjestöavustukset " + year + ", päätetty esimerkkihaku",
                "Organisationsunderstöd " + year + ", avgjord exempelomgång",
                "Yleisavustukset hyvinvointia ja terveyttä edistävälle järjestötoiminnalle (päätetty haku).",
                "Allmänna understöd för organisationsverksamhet som främjar välfärd och hälsa (avgjord ansökningsomgång).",
                new BigDecimal("60000.00"), new BigDecimal("10000.00"), now.minusDays(1), now.plusDays(1), now.minusDays(2));
        rounds.configure(roundId, "aino.virtanen", 2, DECISION_MAKER, new BigDecimal("1.00"), new BigDecimal("2.50"), false, false, null);
        rounds.replaceCriteria(roundId, List.of(
                new Criterion(0, roundId, 1, "Vaikuttavuus", "Verkan", new BigDecimal("40")),
                new Criterion(0, roundId, 2, "Kohderyhmän tarve", "Målgruppens behov", new BigDecimal("30")),
                new Criterion(0, roundId, 3, "Toteutettavuus", "Genomförbarhet", new BigDecimal("30"))));
        rounds.replaceReviewers(roundId, List.of("jussi.makinen", "liisa.nieminen", "mikko.korhonen"));
        // one instalment; the use-of-funds report due in 75 days (its first reminder 30 days before)
        rounds.setPaymentTerms(roundId, 100, null, today.plusDays(75));
        rounds.setStatus(roundId, GrantRound.Status.PUBLISHED);

        CaseFile a = granted(roundId, first, "Vertaistukiryhmät omaishoitajille", "Omaishoitajat Oulun seudulla",
                "Omaishoitajat jaksavat paremmin ja löytävät vertaistukea.", "4000.00", "4000.00",
                List.of(new BudgetLine("Ohjaajien palkkiot", new BigDecimal("2500.00")),
                        new BudgetLine("Tilavuokrat", new BigDecimal("1500.00"))));
        CaseFile b = granted(roundId, second, "Mielenterveyden kohtaamispaikka Raaheen", "Raahelaiset mielenterveyskuntoutujat",
                "Kohtaamispaikka on auki kolmena päivänä viikossa.", "3000.00", "3000.00",
                List.of(new BudgetLine("Vertaisohjaajien koulutus", new BigDecimal("1200.00")),
                        new BudgetLine("Tilavuokrat", new BigDecimal("1800.00"))));
        CaseFile c = granted(roundId, third, "Ruoka-avun jakelu kolmessa kunnassa", "Ruoka-apua tarvitsevat perheet",
                "Ruoka-apu tavoittaa 300 perhettä, hävikkiruoka ei mene hukkaan.", "5000.00", "5000.00",
                List.of(new BudgetLine("Kuljetukset", new BigDecimal("2000.00")),
                        new BudgetLine("Vapaaehtoisten kulut", new BigDecimal("1000.00")),
                        new BudgetLine("Varastotilan vuokra", new BigDecimal("2000.00"))));
        // the round is over: closed and decided
        rounds.setClosesAt(roundId, now.minusDays(1));
        rounds.setStatus(roundId, GrantRound.Status.DECIDED);

        // 1: waits for the bank account (the funding's first step after its start)
        fundingAt(a);
        // 2: the account confirmed by the contact on the status page: the instalment is due
        GrantFunding fundingB = fundingAt(b);
        confirmAccount(b, fundingB, second.email(), "FI49 5000 9420 0287 30", "Raahen Mielenterveysyhdistys ry");
        // 3: confirmed, batched by one coordinator, approved by the other: paid; the final report is awaited
        GrantFunding fundingC = fundingAt(c);
        confirmAccount(c, fundingC, third.email(), "FI79 4405 2020 0360 82", "Pohjois-Pohjanmaan Ruoka-apuverkosto ry");
        GrantPayment payment = payments.ofFunding(fundingC.id()).get(0);
        GrantBatches.Batch batch = batches.create(List.of(payment.id()), "aino.virtanen");
        identityService.setAuthentication("emilia.lahtinen", List.of(Roles.COORDINATOR.groupId()));
        try {
            Task approve = taskService.createTaskQuery().processInstanceBusinessKey(batch.reference()).singleResult();
            taskService.complete(approve.getId(), Map.of("batchDecision", "approve"));
        } finally {
            identityService.clearAuthentication();
        }
        // the paid event goes on asynchronously: to the report process, which sets its due day asynchronously
        executeJobs(fundingC.processInstanceId());
        ProcessInstance report = runtime.createProcessInstanceQuery().superProcessInstanceId(fundingC.processInstanceId())
                .singleResult();
        if (report != null) {
            executeJobs(report.getId());
        }
        log.info("Demo grant fundings: {} waits for its bank account, {} is due for payment, {} was paid in {} and awaits "
                + "its use-of-funds report", a.reference(), b.reference(), c.reference(), batch.reference());
    }

    /**
     * A submitted application of the contact's organisation, granted {@code granted} by the decision maker. The demo's
     * grants are granted in full: a funding's terms are the application's budget lines (GrantFundings.startIfGranted),
     * which add up to the amount asked.
     */
    private CaseFile granted(long roundId, Contact contact, String activity, String targetGroup, String goals, String asked,
            String granted, List<BudgetLine> lines) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        long applicationId = applications.insert(roundId, contact.organisationId(), contact.email(), activity, targetGroup, goals,
                new BigDecimal(asked), "564", "Puheenjohtaja ja sihteeri hallituksen päätöksellä", now.minusDays(120));
        applications.replaceBudgetLines(applicationId, lines);
        CaseFile caseFile = submissions.submit(applicationId, contact.id(), null).caseFile();
        applications.scored(applicationId, new BigDecimal("4.00"), null, now.minusDays(90));
        decisions.insert(applicationId, roundId, caseFile.id(), GrantDecision.Stage.ORIGINAL, GrantDecision.Basis.SCORED,
                new BigDecimal(asked), new BigDecimal(granted), new BigDecimal("4.00"), null, contact.language(), DECISION_MAKER,
                now.minusDays(60));
        return caseFile;
    }

    /**
     * The application's decision has become final (the rectification period passed: the timer's way on), so its
     * {@code grantFunding} starts; its first, asynchronous step run here: the funding waits for the bank account.
     */
    private GrantFunding fundingAt(CaseFile caseFile) {
        runtime.createProcessInstanceModification(caseFile.processInstanceId()).startBeforeActivity("Task_StartFunding")
                .cancelAllForActivity("Task_CheckEligibility").execute();
        GrantFunding funding = fundings.ofCase(caseFile.id()).orElseThrow();
        executeJobs(funding.processInstanceId());
        return funding;
    }

    /** The organisation's contact answers "Vahvista tilinumero" on the status page. */
    private void confirmAccount(CaseFile caseFile, GrantFunding funding, String email, String iban, String holder) {
        CaseFile current = cases.find(caseFile.id()).orElseThrow();
        OutsiderTasks.OutsiderTask task = outsiderTasks.open(current).stream()
                .filter(t -> "Task_ConfirmBankAccount".equals(t.definitionKey())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no bank account task in " + current.reference()));
        outsiderTasks.complete(current, task.id(), Map.of("iban", iban, "holder", holder), List.of(), email);
    }

    /** Runs the jobs of the instance that are due now (its asynchronous continuations), as the job executor would. */
    private void executeJobs(String processInstanceId) {
        for (int round = 0; round < 5; round++) {
            List<Job> due = management.createJobQuery().processInstanceId(processInstanceId).executable().list();
            if (due.isEmpty()) {
                return;
            }
            for (Job job : due) {
                management.executeJob(job.getId());
            }
        }
    }
}

package fi.silta.bench;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.Spin;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fi.silta.grants.GrantAllocationService;
import fi.silta.grants.GrantRoundDisqualifications;
import fi.silta.grants.GrantRoundRepository;
import fi.silta.grants.GrantRoundService;
import fi.silta.grants.GrantSubmissions;
import fi.silta.notifications.OutboxDrainer;

/**
 * The dashboard benchmark's template (README, "Dashboard benchmark"): one grant round taken
 * through the engine from its call to final decisions, the engine clock (and Silta's, which
 * follows it) moved on between the steps as the weeks of a real round pass, so that Silta's tables
 * and Camunda's history hold what the product writes: applications submitted through {@link
 * GrantSubmissions}, the eligibility check, formal checks (some asking for a supplement, answered
 * or lapsed), two reviews per application (declaration and score sheet as Tasklist submits them),
 * scores, a withdrawal, an ineligible one, the round's allocation, its approval, decisions mailed
 * or posted as letters and their rectification periods passed. {@link DashboardData} then
 * multiplies these rows in SQL.
 */
final class DashboardTemplate {

    static final String COORDINATOR = "aino.virtanen";
    static final String DECISION_MAKER = "helena.hamalainen";
    static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    /** What an application of the template does, in order. */
    enum Path {
        CLEAN, CLEAN_LETTER, REVIEWER_DISQUALIFIED, SUPPLEMENT_ANSWERED, SUPPLEMENT_LAPSED_REJECTED, INELIGIBLE, WITHDRAWN
    }

    static final List<Path> PATHS = List.of(Path.CLEAN, Path.WITHDRAWN, Path.CLEAN_LETTER, Path.CLEAN, Path.SUPPLEMENT_ANSWERED,
            Path.REVIEWER_DISQUALIFIED, Path.INELIGIBLE, Path.CLEAN_LETTER, Path.CLEAN, Path.SUPPLEMENT_LAPSED_REJECTED, Path.CLEAN, Path.CLEAN,
            Path.SUPPLEMENT_ANSWERED, Path.CLEAN);

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final FormService forms;
    private final ManagementService management;
    private final IdentityService identity;
    private final GrantSubmissions submissions;
    private final GrantRoundRepository rounds;
    private final GrantRoundDisqualifications disqualifications;
    private final GrantAllocationService allocation;
    private final OutboxDrainer drainer;
    private final JdbcClient jdbc;
    private final BenchData data;
    private final Random random = new Random(16);
    private final ObjectMapper json = new ObjectMapper();
    private Instant now;

    record Applied(Path path, long applicationId, String instanceId, String reference, Instant submitted) {
    }

    DashboardTemplate(ConfigurableApplicationContext context) {
        this.runtime = context.getBean(RuntimeService.class);
        this.tasks = context.getBean(TaskService.class);
        this.forms = context.getBean(FormService.class);
        this.management = context.getBean(ManagementService.class);
        this.identity = context.getBean(IdentityService.class);
        this.submissions = context.getBean(GrantSubmissions.class);
        this.rounds = context.getBean(GrantRoundRepository.class);
        this.disqualifications = context.getBean(GrantRoundDisqualifications.class);
        this.allocation = context.getBean(GrantAllocationService.class);
        this.drainer = context.getBean(OutboxDrainer.class);
        this.jdbc = context.getBean(JdbcClient.class);
        this.data = new BenchData(context);
    }

    /** Runs the round; returns its id. The engine clock starts {@code daysAgo} days back and ends about now. */
    long run(int daysAgo) {
        now = Instant.now().minus(Duration.ofDays(daysAgo));
        ClockUtil.setCurrentTime(Date.from(now));
        try {
            roundId = data.publishedRound();
            // a call of two months: the template's applications come in over its first weeks
            jdbc.sql("update grant_round set name_fi = 'Järjestöavustukset (mallihaku)', budget = 40000.00, "
                    + "closes_at = opens_at + interval '60 days' where id = ?").param(roundId).update();
            List<Applied> applied = new ArrayList<>();
            int i = 0;
            for (Path path : PATHS) {
                later(2, 30);
                applied.add(apply(path, i++));
            }
            // each application on its own timeline from its submission (the coordinators and reviewers work
            // on them side by side); the round goes on when the last one is done
            Instant latest = now;
            for (Applied a : applied) {
                now = a.submitted();
                later(4, 48);
                process(a);
                latest = latest.isAfter(now) ? latest : now;
            }
            now = latest;
            later(24, 72);
            decide(roundId, applied);
            return roundId;
        } finally {
            ClockUtil.reset();
            identity.clearAuthentication();
        }
    }

    /**
     * Work in progress now (the engine clock the real one): a round open today with {@code count}
     * applications left at their steps in turn (eligibility to confirm, formal check, a review
     * declaration, a score sheet), so that the staff home's Tasklist filters have open tasks to count.
     */
    long openWork(int count) {
        ClockUtil.reset();
        now = Instant.now();
        try {
            roundId = data.publishedRound();
            jdbc.sql("update grant_round set name_fi = 'Järjestöavustukset (avoin)', budget = 200000.00 where id = ?").param(roundId).update();
            List<Applied> applied = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                applied.add(apply(Path.CLEAN, 1000 + i));
            }
            runJobs();
            for (int i = 0; i < applied.size(); i++) {
                Applied a = applied.get(i);
                if (i % 4 == 0) {
                    continue;
                }
                complete(a.instanceId(), "Task_ConfirmEligibility", COORDINATOR, "coordinators", Map.of("eligibilityDecision", "eligible"));
                if (i % 4 == 1) {
                    continue;
                }
                complete(a.instanceId(), "Task_FormalCheck", COORDINATOR, "coordinators", Map.of("formalCheckResult", "complete"));
                runJobs();
                if (i % 4 == 2) {
                    continue;
                }
                ProcessInstance slot = runtime.createProcessInstanceQuery().superProcessInstanceId(a.instanceId()).list().get(0);
                complete(slot.getId(), "Task_DeclareDisqualification", (String) runtime.getVariable(slot.getId(), "reviewer"), "reviewers",
                        Map.of("disqualified", "no"));
            }
            runJobs();
            drainer.drain();
            return roundId;
        } finally {
            identity.clearAuthentication();
        }
    }

    private Applied apply(Path path, int i) {
        BenchData.Applicant applicant = data.applicant("malli-" + i + "-" + System.nanoTime() + "@bench.example");
        boolean letter = path == Path.CLEAN_LETTER;
        jdbc.sql("update organisation_contact set electronic_notice_consent = ? where id = ?").params(!letter, applicant.contactId())
                .update();
        long applicationId = data.draft(roundId, applicant);
        String amount = path == Path.INELIGIBLE ? "15000.00" : (1000 + 500 * random.nextInt(17)) + ".00";
        jdbc.sql("update grant_application set amount = ?::numeric where id = ?").params(amount, applicationId).update();
        jdbc.sql("insert into grant_budget_line (application_id, position, description, amount) values (?, 1, 'Ohjaajien palkkiot', ?::numeric)")
                .params(applicationId, amount).update();
        var opened = submissions.submit(applicationId, applicant.contactId(), null);
        return new Applied(path, applicationId, opened.caseFile().processInstanceId(), opened.caseFile().reference(), now);
    }

    private long roundId;

    /** From the eligibility check to the score (or the application's end). */
    private void process(Applied a) {
        runJobs();
        later(8, 72);
        switch (a.path()) {
            case INELIGIBLE -> {
                complete(a.instanceId(), "Task_ConfirmEligibility", COORDINATOR, "coordinators", Map.of("eligibilityDecision", "ineligible"));
                runJobs();
                return;
            }
            case WITHDRAWN -> {
                complete(a.instanceId(), "Task_ConfirmEligibility", COORDINATOR, "coordinators", Map.of("eligibilityDecision", "eligible"));
                later(24, 96);
                submissions.withdraw(a.reference());
                runJobs();
                return;
            }
            default -> complete(a.instanceId(), "Task_ConfirmEligibility", COORDINATOR, "coordinators",
                    Map.of("eligibilityDecision", "eligible"));
        }
        later(12, 120);
        if (a.path() == Path.SUPPLEMENT_ANSWERED || a.path() == Path.SUPPLEMENT_LAPSED_REJECTED) {
            complete(a.instanceId(), "Task_FormalCheck", COORDINATOR, "coordinators", Map.of("formalCheckResult", "incomplete",
                    "supplementRequest", "Lisää talousarvio ja hallituksen pöytäkirja.", "supplementDays", 7));
            runJobs();
            drainer.drain();
            if (a.path() == Path.SUPPLEMENT_ANSWERED) {
                later(24, 120);
                complete(a.instanceId(), "Task_ProvideSupplement", null, null, Map.of("supplementAnswer", "Talousarvio liitteenä."));
                runJobs();
                later(4, 48);
            } else {
                later(24 * 8, 24 * 8);
                execute(timer(a.instanceId(), "Timer_SupplementReminder"));
                execute(timer(a.instanceId(), "Timer_SupplementLapsed"));
                later(4, 48);
                complete(a.instanceId(), "Task_DecideLapsedSupplement", COORDINATOR, "coordinators",
                        Map.of("lapsedDecision", "reject", "lapsedNote", "Talousarviota ei toimitettu määräaikaan mennessä."));
                runJobs();
                return;
            }
        }
        complete(a.instanceId(), "Task_FormalCheck", COORDINATOR, "coordinators", Map.of("formalCheckResult", "complete"));
        runJobs();
        // two reviewers: each declares, then scores (close to each other: no reconciliation)
        int base = 2 + random.nextInt(3);
        boolean disqualify = a.path() == Path.REVIEWER_DISQUALIFIED;
        for (ProcessInstance slot : runtime.createProcessInstanceQuery().superProcessInstanceId(a.instanceId()).list()) {
            while (true) {
                Task task = tasks.createTaskQuery().processInstanceId(slot.getId()).singleResult();
                if (task == null) {
                    break;
                }
                String reviewer = (String) runtime.getVariable(slot.getId(), "reviewer");
                later(12, 24 * 6);
                if ("Task_DeclareDisqualification".equals(task.getTaskDefinitionKey())) {
                    // the first reviewer of such an application sits on the applicant's board: another one takes the slot
                    Map<String, Object> declaration = disqualify ? Map.of("disqualified", "yes", "disqualificationGround", "boardMember")
                            : Map.of("disqualified", "no");
                    disqualify = false;
                    complete(slot.getId(), "Task_DeclareDisqualification", reviewer, "reviewers", declaration);
                    runJobs();
                } else if ("Task_ScoreApplication".equals(task.getTaskDefinitionKey())) {
                    identity.setAuthentication(reviewer, List.of("reviewers"));
                    try {
                        forms.submitTaskForm(task.getId(), Map.of("scores", scores(task, base)));
                    } finally {
                        identity.clearAuthentication();
                    }
                    break;
                } else {
                    throw new IllegalStateException("review slot waits at " + task.getTaskDefinitionKey());
                }
            }
        }
        runJobs();
    }

    /** The prepared score sheet of the task, scored base..base+1 with a justification. */
    private Object scores(Task sheet, int base) {
        try {
            ArrayNode rows = (ArrayNode) json.readTree(tasks.getVariableLocal(sheet.getId(), "scores").toString());
            for (var row : rows) {
                ((ObjectNode) row).put("score", Math.min(5, base + random.nextInt(2)));
                ((ObjectNode) row).put("justification", "Perusteltu arvio.");
            }
            return Spin.JSON(json.writeValueAsString(rows));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The round's process from its closing on: proposal, approval, decisions, delivery, periods passed. */
    private void decide(long roundId, List<Applied> applied) {
        String round = runtime.createProcessInstanceByKey("grantRound").businessKey(GrantRoundService.reference(roundId))
                .setVariable("roundId", roundId).startBeforeActivity("Task_CloseRound").execute().getId();
        rounds.setProcessInstance(roundId, round);
        disqualifications.declare(roundId, COORDINATOR, GrantRoundDisqualifications.Role.COORDINATOR, List.of(), null);
        disqualifications.declare(roundId, DECISION_MAKER, GrantRoundDisqualifications.Role.DECISION_MAKER, List.of(), null);
        runJobs();
        later(24, 72);
        Task allocate = task(round, "Task_AllocateGrants");
        identity.setAuthentication(COORDINATOR, List.of("coordinators"));
        try {
            tasks.complete(allocate.getId(), Map.of());
        } finally {
            identity.clearAuthentication();
        }
        later(24, 24 * 7);
        complete(round, "Task_ApproveAllocation", DECISION_MAKER, "decisionMakers", Map.of("allocationDecision", "approve"));
        runJobs();
        drainer.drain();
        runJobs();
        for (Applied a : applied) {
            if (!tasks.createTaskQuery().processInstanceId(a.instanceId()).taskDefinitionKey("Task_SendDecisionLetter").list().isEmpty()) {
                later(1, 24);
                complete(a.instanceId(), "Task_SendDecisionLetter", COORDINATOR, "coordinators",
                        Map.of("letterSentOn", LocalDate.ofInstant(now, HELSINKI).toString()));
            }
        }
        runJobs();
        drainer.drain();
        runJobs();
        later(24 * 30, 24 * 30);
        for (Applied a : applied) {
            Job passes = management.createJobQuery().processInstanceId(a.instanceId()).activityId("Timer_RectificationPeriodPassed")
                    .singleResult();
            if (passes != null) {
                execute(passes);
            }
        }
        runJobs();
    }

    // --- the engine, driven

    /** Executes every job that is not a timer (the job executor is off) until none is left. */
    private void runJobs() {
        for (int round = 0; round < 50; round++) {
            List<Job> jobs = management.createJobQuery().messages().list();
            List<Job> timers = management.createJobQuery().timers().duedateLowerThan(Date.from(now)).list();
            List<Job> due = new ArrayList<>(jobs);
            // due timers of this template's instances (the demo round's timers are left alone)
            for (Job t : timers) {
                if (!"grantRound".equals(t.getProcessDefinitionKey()) && !"planCommentingRound".equals(t.getProcessDefinitionKey())) {
                    due.add(t);
                }
            }
            if (due.isEmpty()) {
                return;
            }
            for (Job job : due) {
                execute(job);
            }
        }
        throw new IllegalStateException("jobs keep coming");
    }

    private void execute(Job job) {
        if (job == null) {
            throw new IllegalStateException("no such job");
        }
        management.executeJob(job.getId());
    }

    private Job timer(String instanceId, String activityId) {
        return management.createJobQuery().processInstanceId(instanceId).activityId(activityId).timers().singleResult();
    }

    private Task task(String instanceId, String key) {
        Task task = tasks.createTaskQuery().processInstanceId(instanceId).taskDefinitionKey(key).singleResult();
        if (task == null) {
            throw new IllegalStateException("process " + instanceId + " waits at " + runtime.getActiveActivityIds(instanceId) + ", not at "
                    + key);
        }
        return task;
    }

    private void complete(String instanceId, String key, String user, String group, Map<String, Object> variables) {
        Task task = task(instanceId, key);
        if (user != null) {
            identity.setAuthentication(user, List.of(group));
        }
        try {
            tasks.complete(task.getId(), new LinkedHashMap<>(variables));
        } finally {
            identity.clearAuthentication();
        }
    }

    /** Moves the engine clock (and Silta's) on by a random number of hours in [min, max]. */
    private void later(int minHours, int maxHours) {
        long minutes = minHours * 60L + (maxHours > minHours ? random.nextInt((maxHours - minHours) * 60) : 0);
        now = now.plus(Duration.ofMinutes(minutes));
        ClockUtil.setCurrentTime(Date.from(now));
    }

    static BigDecimal money(String s) {
        return new BigDecimal(s);
    }
}

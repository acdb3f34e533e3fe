package fi.silta.demo;

import java.util.List;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import fi.silta.SiltaProperties;
import fi.silta.cases.documents.DocumentRenderer;
import fi.silta.cases.documents.DocumentService;
import fi.silta.cases.documents.Upload;
import fi.silta.commenting.CommentAnswers;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.organisations.OrganisationService;
import fi.silta.organisations.OrganisationService.NewContact;
import fi.silta.organisations.OrganisationService.NewOrganisation;
import fi.silta.organisations.OrganisationType;
import fi.silta.security.Roles;
import fi.silta.web.Locales;

/**
 * Demo users for every role and a handful of organisations of Pohjois-Pohjanmaa (fictional,
 * with valid business ids). Only when {@code silta.demo.enabled}; never in production.
 */
@Component
public class DemoData {

    public record DemoUser(String id, String firstName, String lastName, Roles role) {
    }

    public static final List<DemoUser> USERS = List.of(
            new DemoUser("aino.virtanen", "Aino", "Virtanen", Roles.COORDINATOR),
            new DemoUser("emilia.lahtinen", "Emilia", "Lahtinen", Roles.COORDINATOR),
            new DemoUser("mikko.korhonen", "Mikko", "Korhonen", Roles.REVIEWER),
            new DemoUser("liisa.nieminen", "Liisa", "Nieminen", Roles.REVIEWER),
            new DemoUser("jussi.makinen", "Jussi", "Mäkinen", Roles.REVIEWER),
            new DemoUser("helena.hamalainen", "Helena", "Hämäläinen", Roles.DECISION_MAKER),
            new DemoUser("olli.salonen", "Olli", "Salonen", Roles.DECISION_MAKER),
            new DemoUser("timo.laine", "Timo", "Laine", Roles.HYTE_COORDINATOR),
            new DemoUser("sanna.heikkinen", "Sanna", "Heikkinen", Roles.LIAISON),
            new DemoUser("pekka.koskinen", "Pekka", "Koskinen", Roles.MANAGER),
            new DemoUser("ilkka.jarvinen", "Ilkka", "Järvinen", Roles.ADMINISTRATOR));

    /**
     * The demo run's scrape account of {@code /actuator/prometheus} (fi.silta.security.ScrapeAccount, the demo
     * password): no Camunda user, so no staff page, and a stranger's wrong guesses cannot lock it.
     */
    public static final String MONITORING_USER = "prometheus";

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private final IdentityService identityService;
    private final OrganisationService organisationService;
    private final OrganisationRepository organisations;
    private final String password;
    private final FormService formService;
    private final RepositoryService repositoryService;
    private final TaskService taskService;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final boolean openGrantRound;
    private final boolean openCommentingRound;
    private final DocumentService documents;
    private final DocumentRenderer renderer;
    private final CommentAnswers commentAnswers;
    @org.springframework.beans.factory.annotation.Value("${silta.demo.hyte-cycle:true}")
    private boolean hyteCycle = true;
    private final String countyCode;
    private final DemoGrantFunding grantFunding;

    public DemoData(IdentityService identityService, OrganisationService organisationService,
            OrganisationRepository organisations, SiltaProperties properties, FormService formService,
            RepositoryService repositoryService, TaskService taskService, JdbcClient jdbc, Clock clock, DocumentService documents,
            DocumentRenderer renderer, CommentAnswers commentAnswers, DemoGrantFunding grantFunding) {
        this.grantFunding = grantFunding;
        this.commentAnswers = commentAnswers;
        this.documents = documents;
        this.renderer = renderer;
        this.formService = formService;
        this.repositoryService = repositoryService;
        this.taskService = taskService;
        this.jdbc = jdbc;
        this.clock = clock;
        this.openGrantRound = properties.demo().grantRound();
        this.openCommentingRound = properties.demo().commentingRound();
        this.identityService = identityService;
        this.organisationService = organisationService;
        this.organisations = organisations;
        this.password = properties.demo().password();
        this.countyCode = properties.countyCode();
    }

    @Transactional
    public void load() {
        for (DemoUser demo : USERS) {
            if (identityService.createUserQuery().userId(demo.id()).count() == 0) {
                User user = identityService.newUser(demo.id());
                user.setFirstName(demo.firstName());
                user.setLastName(demo.lastName());
                user.setEmail(demo.id() + "@pohde.example");
                user.setPassword(password);
                identityService.saveUser(user);
                identityService.createMembership(demo.id(), demo.role().groupId());
            }
        }
        hyteCycle();
        // the municipalities' organisations exist before the demo data (MunicipalityOrganisations at every start):
        // "already loaded" means registered organisations
        if (organisations.countRegistered() > 0) {
            return;
        }
        grantRound();
        long carers = organisation("Oulun Seudun Omaishoitajat ry", "2145876-6", OrganisationType.REGISTERED_ASSOCIATION, "201.455",
                List.of("564", "244", "425"), new NewContact("Maija Salo", "maija.salo@omaishoitajat.example", null, "fi", true));
        long mentalHealth = organisation("Raahen Mielenterveysyhdistys ry", "2987650-8", OrganisationType.REGISTERED_ASSOCIATION, "155.902",
                List.of("678"), new NewContact("Kari Lehto", "kari.lehto@raahenmty.example", null, "fi", true));
        organisation("Kuusamon Nuorisotyön Tuki ry", "3012457-3", OrganisationType.REGISTERED_ASSOCIATION, "223.118",
                List.of("305"), new NewContact("Emma Pohjola", "emma.pohjola@kuusamonnuoret.example", null, "fi", true));
        long foodAid = organisation("Pohjois-Pohjanmaan Ruoka-apuverkosto ry", "2456318-2", OrganisationType.REGISTERED_ASSOCIATION, "219.774",
                List.of("564", "678", "977"), new NewContact("Anna Lindqvist", "anna.lindqvist@ruoka-apu.example", null, "sv", true));
        organisation("Koillismaan Hyvinvointisäätiö sr", "1598742-6", OrganisationType.FOUNDATION, null,
                List.of("305", "832"), new NewContact("Olli Kemppainen", "olli.kemppainen@koillissaatio.example", null, "fi"));
        organisation("Haukiputaan kyläkerho", null, OrganisationType.UNREGISTERED_GROUP, null,
                List.of("564"), new NewContact("Sirkka Jokela", "sirkka.jokela@kylakerho.example", null, "fi"));
        commentingRound();
        commentingAnswers(List.of(carers, mentalHealth));
        // part 2b: a decided example round, its grants waiting for the account, due for payment, awaiting the report
        grantFunding.load(carers, mentalHealth, foodAid);
        log.info("Demo data loaded: {} users, {} organisations", USERS.size(), organisations.count());
    }

    /**
     * An open grant round, through the real {@code grantRound} process as the demo coordinator
     * would do it in Tasklist: the start form, then the configuration; the job executor publishes
     * it at the opening timer (now) and closes it in 30 days.
     */
    private void grantRound() {
        if (!openGrantRound || jdbc.sql("select count(*) from grant_round").query(Long.class).single() > 0) {
            return;
        }
        LocalDateTime now = LocalDateTime.now(clock.withZone(Locales.HELSINKI)).truncatedTo(ChronoUnit.MINUTES);
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("nameFi", "Järjestöavustukset " + now.getYear());
        start.put("nameSv", "Organisationsunderstöd " + now.getYear());
        start.put("descriptionFi", "Yleisavustukset hyvinvointia ja terveyttä edistävälle järjestötoiminnalle.");
        start.put("descriptionSv", "Allmänna understöd för organisationsverksamhet som främjar välfärd och hälsa.");
        start.put("budget", "100 000");
        start.put("maxAmount", "10 000");
        start.put("opensAt", now.toString());
        start.put("closesAt", now.toLocalDate().plusDays(30).atTime(16, 0).toString());
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("contactPerson", "aino.virtanen");
        configuration.put("reviewers", SpinValues.jsonValue("[\"mikko.korhonen\", \"liisa.nieminen\", \"jussi.makinen\"]").create());
        configuration.put("reviewersPerApplication", 2);
        configuration.put("decisionMaker", "helena.hamalainen");
        configuration.put("substituteDecisionMaker", "olli.salonen");
        configuration.put("disagreementThreshold", "1.0");
        configuration.put("minimumScore", "2.5");
        configuration.put("multipleApplications", false);
        configuration.put("stateGrant", false);
        configuration.put("criteria", SpinValues.jsonValue("[{\"nameFi\": \"Vaikuttavuus\", \"nameSv\": \"Verkan\", \"weight\": \"40\"},"
                + " {\"nameFi\": \"Kohderyhmän tarve\", \"nameSv\": \"Målgruppens behov\", \"weight\": \"30\"},"
                + " {\"nameFi\": \"Toteutettavuus\", \"nameSv\": \"Genomförbarhet\", \"weight\": \"30\"}]").create());
        identityService.setAuthentication("aino.virtanen", List.of(Roles.COORDINATOR.groupId()));
        try {
            String definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey("grantRound")
                    .latestVersion().singleResult().getId();
            String instance = formService.submitStartForm(definition, start).getId();
            String task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
            formService.submitTaskForm(task, configuration);
        } finally {
            identityService.clearAuthentication();
        }
    }

    /**
     * An open commenting round on the draft NGO cooperation plan, through the real
     * {@code planCommentingRound} as the demo coordinator would start and configure it in Tasklist:
     * every registered association of the county invited, two questions, an info session next week.
     */
    private void commentingRound() {
        if (!openCommentingRound || jdbc.sql("select count(*) from commenting_round").query(Long.class).single() > 0) {
            return;
        }
        LocalDateTime now = LocalDateTime.now(clock.withZone(Locales.HELSINKI)).truncatedTo(ChronoUnit.MINUTES);
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("titleFi", "Järjestöyhteistyön suunnitelma " + (now.getYear() + 1) + "–" + (now.getYear() + 3) + ", luonnos");
        start.put("titleSv", "Plan för organisationssamarbetet " + (now.getYear() + 1) + "–" + (now.getYear() + 3) + ", utkast");
        start.put("closesAt", now.toLocalDate().plusDays(21).atTime(16, 0).toString());
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("descriptionFi", "Hyvinvointialue pyytää järjestöiltä lausuntoja järjestöyhteistyön suunnitelman luonnoksesta. "
                + "Lausunnot otetaan huomioon lopullisessa suunnitelmassa.");
        configuration.put("descriptionSv", "Välfärdsområdet ber organisationerna om utlåtanden om utkastet till plan för organisationssamarbetet.");
        configuration.put("questions", SpinValues.jsonValue("[{\"textFi\": \"Luku 1: Yhteistyön tavoitteet – mitä lisäisitte tai muuttaisitte?\","
                + " \"textSv\": \"Kapitel 1: Samarbetets mål – vad skulle ni lägga till eller ändra?\", \"scale\": false},"
                + " {\"textFi\": \"Luku 2: Avustukset ja tilat\", \"textSv\": \"Kapitel 2: Understöd och lokaler\", \"scale\": false},"
                + " {\"textFi\": \"Luonnos vastaa järjestömme tarpeita.\", \"textSv\": \"Utkastet motsvarar vår organisations behov.\", \"scale\": true}]").create());
        configuration.put("invitedGroups", SpinValues.jsonValue("[\"REGISTERED_ASSOCIATION\"]").create());
        configuration.put("openToAll", true);
        configuration.put("infoSessions", SpinValues.jsonValue("[{\"startsAt\": \"" + now.toLocalDate().plusDays(7).atTime(17, 0)
                + "\", \"durationMinutes\": 90, \"place\": \"Oulu, Kaupungintalo\", \"onlineUrl\": \"https://teams.example/silta-info\"}]").create());
        configuration.put("reminderDays", "7, 1");
        configuration.put("contactPerson", "aino.virtanen");
        configuration.put("decisionMaker", "helena.hamalainen");
        identityService.setAuthentication("aino.virtanen", List.of(Roles.COORDINATOR.groupId()));
        try {
            String definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey("planCommentingRound")
                    .latestVersion().singleResult().getId();
            String instance = formService.submitStartForm(definition, start).getId();
            long roundId = jdbc.sql("select id from commenting_round where process_instance_id = ?").param(instance).query(Long.class).single();
            byte[] draft = renderer.renderXhtml("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"fi\" xml:lang=\"fi\"><head><title>" + start.get("titleFi") + "</title>"
                    + "<meta name=\"description\" content=\"Suunnitelman luonnos lausunnolle\"/><style>body { font-family: 'DejaVu Sans'; }</style></head><body>"
                    + "<h1>" + start.get("titleFi") + "</h1><h2>1 Yhteistyön tavoitteet</h2><p>Hyvinvointialue ja järjestöt edistävät "
                    + "yhdessä asukkaiden hyvinvointia ja terveyttä.</p><h2>2 Avustukset ja tilat</h2><p>Järjestöavustukset haetaan "
                    + "kerran vuodessa; tiloja annetaan järjestöjen käyttöön maksutta.</p></body></html>", "demo-plan");
            documents.storeCallDocument(fi.silta.commenting.CommentingRound.CALL_KIND, roundId, "material-1", "Suunnitelman luonnos",
                    Upload.of("file", "suunnitelman-luonnos.pdf", "application/pdf", draft), "aino.virtanen");
            String task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
            formService.submitTaskForm(task, configuration);
        } finally {
            identityService.clearAuthentication();
        }
    }

    /**
     * This year's hyte negotiation cycle of the county (next year's from mid-November), started through the real
     * {@code hyteNegotiationCycle} as the demo hyte coordinator would in Tasklist: Oulu, Kempele and Liminka negotiate
     * together, every other municipality on its own (the job executor then opens the negotiation cases).
     */
    private void hyteCycle() {
        if (!hyteCycle || jdbc.sql("select count(*) from hyte_cycle").query(Long.class).single() > 0) {
            return;
        }
        java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(Locales.HELSINKI));
        int year = today.getMonthValue() == 12 || (today.getMonthValue() == 11 && today.getDayOfMonth() >= 15) ? today.getYear() + 1
                : today.getYear();
        java.time.LocalDate windowStart = today.plusDays(14).isAfter(java.time.LocalDate.of(year, 1, 15)) ? today.plusDays(14)
                : java.time.LocalDate.of(year, 1, 15);
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("year", year);
        start.put("themes", "Yksinäisyyden vähentäminen\nLasten ja nuorten liikkuminen\nJärjestöjen tilat ja yhteistyö");
        start.put("windowStart", windowStart.toString());
        start.put("windowEnd", java.time.LocalDate.of(year, 12, 31).toString());
        start.put("backgroundDeadline", windowStart.minusDays(4).atTime(16, 0).toString());
        start.put("inputDeadline", windowStart.minusDays(2).atTime(16, 0).toString());
        boolean ouluRegion = organisations.municipalitiesOf(countyCode).stream().map(o -> o.name()).filter(List.of("Oulu", "Kempele",
                "Liminka")::contains).count() == 3;
        start.put("grouping", ouluRegion ? "groups" : "perMunicipality");
        if (ouluRegion) {
            start.put("groups", "Oulu, Kempele, Liminka");
        }
        identityService.setAuthentication("timo.laine", List.of(Roles.HYTE_COORDINATOR.groupId()));
        try {
            String definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey("hyteNegotiationCycle")
                    .latestVersion().singleResult().getId();
            formService.submitStartForm(definition, start);
        } finally {
            identityService.clearAuthentication();
        }
    }

    /** A registered organisation with one verified contact; the contact's id. */
    private long organisation(String name, String businessId, OrganisationType type, String associationNumber,
            List<String> municipalities, NewContact contact) {
        long id = organisationService.register(new NewOrganisation(name, businessId, type, associationNumber, municipalities));
        long contactId = organisationService.addContact(id, contact);
        organisationService.markVerified(contactId, "demo");
        return contactId;
    }

    /**
     * Two invited associations have answered the open commenting round, through the portal's one submission
     * path as their contacts would, so that the round's staff page and the dashboards have answers to show.
     */
    private void commentingAnswers(List<Long> contacts) {
        Long roundId = jdbc.sql("select id from commenting_round where status = 'OPEN' order by id fetch first 1 rows only")
                .query(Long.class).optional().orElse(null);
        if (roundId == null) {
            return;
        }
        List<Map<String, String>> given = List.of(
                Map.of("q1", "Omaishoitajien jaksaminen kaipaa omaa tavoitetta.", "q2", "Kohtaamispaikkoja tarvitaan myös pienempiin kuntiin.",
                        "q3", "4"),
                Map.of("q1", "Tavoitteet ovat hyvät; mielenterveysjärjestöjen roolin voisi kirjoittaa auki.", "q3", "3"));
        for (int i = 0; i < contacts.size() && i < given.size(); i++) {
            commentAnswers.submit(roundId, organisations.contact(contacts.get(i)).orElseThrow(), given.get(i), List.of(),
                    java.util.UUID.nameUUIDFromBytes(("demo-answer-" + contacts.get(i)).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
        }
    }
}

package fi.silta.grants;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.MessageSource;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import fi.silta.cases.Deadlines;
import fi.silta.web.ExcelCsv;
import fi.silta.web.InvalidInput;
import fi.silta.web.Locales;

/**
 * Grant payment batches (maksuerät, {@code grant_payment_batch}): a coordinator puts payments that are due into a
 * batch, which starts {@code grantPaymentBatch}; a second coordinator who neither created nor changed the batch
 * approves it (the pain.001 file and the CSV are stored as the batch's documents, the payments are marked paid and
 * each funding's process hears {@value #PAID_MESSAGE}) or rejects it (the payments are due again).
 * <p>
 * A payment is in one batch at a time: it enters a batch only by {@code update ... where status = 'DUE' and
 * batch_id is null}, and when any chosen payment was taken meanwhile (by another coordinator's batch, a stop or a
 * decline) the whole batch is refused and nothing is stored.
 */
@Service
public class GrantBatches {

    /** The call kind of a batch's files in {@code call_document}. */
    public static final String CALL_KIND = "PAYMENT_BATCH";
    public static final String PROCESS_KEY = "grantPaymentBatch";
    /** Correlated to the funding's process instance per paid payment, with the local variable {@code paymentId}. */
    public static final String PAID_MESSAGE = "GrantInstalmentPaid";
    public static final String REFERENCE_PREFIX = "MAKSU-";
    public static final String PAIN_SLOT = "pain001";
    public static final String CSV_SLOT = "csv";

    public enum Status {
        DRAFT, APPROVED, REJECTED
    }

    /** A batch as stored. */
    public record Batch(long id, Status status, String createdBy, OffsetDateTime createdAt, String painVersion,
            LocalDate executionDate, BigDecimal total, int count, String processInstanceId, String approvedBy,
            OffsetDateTime approvedAt, String rejectedBy, OffsetDateTime rejectedAt, String rejectReason) {

        public String reference() {
            return reference(id);
        }

        public static String reference(long id) {
            return REFERENCE_PREFIX + id;
        }
    }

    /** A payment with what the page and the files show of it. */
    public record Payment(long id, long fundingId, int instalment, BigDecimal amount, String status, String iban, String holder,
            String storedReference, Long batchId, String organisationName, long caseId, String caseReference,
            String fundingProcessInstanceId) {

        /** The IBAN as the page shows it: only the last four characters. */
        public String maskedIban() {
            return mask(iban);
        }

        /**
         * What the organisation sees on its bank statement and the end-to-end id of the transfer: the stored reference
         * when the funding set one, else the case number and the instalment ({@code AV-2026-0012-1}).
         */
        public String reference() {
            if (storedReference != null && !storedReference.isBlank()) {
                return storedReference;
            }
            return caseReference + "-" + instalment;
        }
    }

    /** One change of a batch: its creation, a payment taken out. */
    public record Change(String changedBy, String kind, Long paymentId, OffsetDateTime changedAt) {
    }

    /** As every page and mail shows an account: masked but for its last four characters, in groups of four. */
    public static String mask(String iban) {
        return iban == null ? "" : GrantBankAccount.masked(iban.replace(" ", ""));
    }

    private static final String BATCH_COLUMNS = "id, status, created_by, created_at, pain_version, execution_date, total, "
            + "payment_count, process_instance_id, approved_by, approved_at, rejected_by, rejected_at, reject_reason";
    private static final String PAYMENT_SELECT = "select p.id, p.funding_id, p.instalment, p.amount, p.status, p.iban, p.holder, "
            + "p.reference, p.batch_id, o.name as organisation_name, c.id as case_id, c.reference as case_reference, "
            + "f.process_instance_id from grant_payment p join grant_funding f on f.id = p.funding_id "
            + "join organisation o on o.id = f.organisation_id join case_file c on c.id = f.case_id ";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Deadlines deadlines;
    private final GrantBatchProperties properties;
    private final Pain001Files pain;
    private final RuntimeService runtime;
    private final MessageSource messages;
    private final TransactionTemplate transactions;

    public GrantBatches(JdbcClient jdbc, Clock clock, Deadlines deadlines, GrantBatchProperties properties, Pain001Files pain,
            RuntimeService runtime, MessageSource messages, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.deadlines = deadlines;
        this.properties = properties;
        this.pain = pain;
        this.runtime = runtime;
        this.messages = messages;
        this.transactions = new TransactionTemplate(transactionManager);
        Pain001Files.checkVersion(properties.painVersion());
    }

    // ---------------------------------------------------------------- reading

    /** The payments that are due and not in a batch, oldest first. */
    public List<Payment> due() {
        return jdbc.sql(PAYMENT_SELECT + "where p.status = 'DUE' and p.batch_id is null order by p.due_since, p.id")
                .query(GrantBatches::payment).list();
    }

    /** The payments of a batch now (none for a rejected batch: its payments were given back). */
    public List<Payment> payments(long batchId) {
        return jdbc.sql(PAYMENT_SELECT + "where p.batch_id = ? and p.status in ('IN_BATCH', 'PAID') "
                + "order by o.name, c.reference, p.instalment, p.id").param(batchId)
                .query(GrantBatches::payment).list();
    }

    /** The payments of these batches, by batch, in one query. */
    public Map<Long, List<Payment>> payments(List<Long> batchIds) {
        Map<Long, List<Payment>> byBatch = new java.util.HashMap<>();
        batchIds.forEach(id -> byBatch.put(id, new ArrayList<>()));
        if (batchIds.isEmpty()) {
            return byBatch;
        }
        String in = String.join(", ", batchIds.stream().map(id -> "?").toList());
        jdbc.sql(PAYMENT_SELECT + "where p.batch_id in (" + in + ") and p.status in ('IN_BATCH', 'PAID') "
                + "order by o.name, c.reference, p.instalment, p.id")
                .params(batchIds.toArray()).query(GrantBatches::payment).list()
                .forEach(p -> byBatch.get(p.batchId()).add(p));
        return byBatch;
    }

    /** The newest batches first. */
    public List<Batch> batches(int limit) {
        return jdbc.sql("select " + BATCH_COLUMNS + " from grant_payment_batch order by id desc fetch first ? rows only").param(limit)
                .query(GrantBatches::batch).list();
    }

    public Optional<Batch> find(long batchId) {
        return jdbc.sql("select " + BATCH_COLUMNS + " from grant_payment_batch where id = ?").param(batchId)
                .query(GrantBatches::batch).optional();
    }

    /** The batch of a {@code grantPaymentBatch} instance's business key ({@code MAKSU-<id>}). */
    public static long idOfBusinessKey(String businessKey) {
        if (businessKey == null || !businessKey.startsWith(REFERENCE_PREFIX)) {
            throw new IllegalStateException("not a payment batch's business key: " + businessKey);
        }
        return Long.parseLong(businessKey.substring(REFERENCE_PREFIX.length()));
    }

    /** Who created or changed the batch: none of them may approve or reject it. */
    public Set<String> changers(long batchId) {
        Set<String> users = new LinkedHashSet<>();
        find(batchId).ifPresent(b -> users.add(b.createdBy()));
        users.addAll(jdbc.sql("select changed_by from grant_payment_batch_change where batch_id = ? order by id").param(batchId)
                .query(String.class).list());
        return users;
    }

    /** The changes of these batches, by batch, in one query. */
    public Map<Long, List<Change>> changes(List<Long> batchIds) {
        Map<Long, List<Change>> byBatch = new java.util.HashMap<>();
        batchIds.forEach(id -> byBatch.put(id, new ArrayList<>()));
        if (batchIds.isEmpty()) {
            return byBatch;
        }
        String in = String.join(", ", batchIds.stream().map(id -> "?").toList());
        jdbc.sql("select batch_id, changed_by, change_kind, payment_id, changed_at from grant_payment_batch_change where batch_id in ("
                + in + ") order by id").params(batchIds.toArray())
                .query((rs, n) -> Map.entry(rs.getLong(1), new Change(rs.getString(2), rs.getString(3),
                        (Long) rs.getObject(4, Long.class), rs.getObject(5, OffsetDateTime.class))))
                .list().forEach(e -> byBatch.get(e.getKey()).add(e.getValue()));
        return byBatch;
    }

    public List<Change> changes(long batchId) {
        return jdbc.sql("select changed_by, change_kind, payment_id, changed_at from grant_payment_batch_change where batch_id = ? "
                + "order by id").param(batchId).query((rs, n) -> new Change(rs.getString(1), rs.getString(2),
                        (Long) rs.getObject(3, Long.class), rs.getObject(4, OffsetDateTime.class))).list();
    }

    // ---------------------------------------------------------------- the coordinator's page

    /**
     * A new batch of these payments by {@code user}, and its {@code grantPaymentBatch} instance. Refused with
     * {@code grants.batch.noneChosen} when nothing is chosen, {@code grants.batch.noAccount} when a payment has no bank
     * account, and {@code grants.batch.taken} when any of them is no longer due or is in another batch (also when
     * another coordinator's batch takes it at the same moment): then nothing is stored.
     */
    public Batch create(List<Long> paymentIds, String user) {
        List<Long> ids = paymentIds == null ? List.of() : paymentIds.stream().filter(java.util.Objects::nonNull).distinct().sorted().toList();
        if (ids.isEmpty()) {
            throw InvalidInput.of("payments", "grants.batch.noneChosen");
        }
        try {
            return transactions.execute(status -> createInTransaction(ids, user));
        } catch (ConcurrencyFailureException raced) {
            // the database stopped one of two batches taking the same payment at the same moment
            throw InvalidInput.of("payments", "grants.batch.taken");
        }
    }

    private Batch createInTransaction(List<Long> ids, String user) {
        OffsetDateTime now = now();
        var key = new GeneratedKeyHolder();
        jdbc.sql("insert into grant_payment_batch (status, created_by, created_at, pain_version, execution_date, total, payment_count) "
                + "values ('DRAFT', ?, ?, ?, ?, 0, 0)").params(user, now, properties.painVersion(), executionDate())
                .update(key, "id");
        long batchId = key.getKey().longValue();
        jdbc.sql("insert into grant_payment_batch_change (batch_id, changed_by, change_kind, changed_at) values (?, ?, 'CREATED', ?)")
                .params(batchId, user, now).update();
        for (long paymentId : ids) {
            // the one way into a batch: counted, so that a payment taken meanwhile refuses the whole batch
            int taken = jdbc.sql("update grant_payment set batch_id = ?, status = 'IN_BATCH' where id = ? and status = 'DUE' "
                    + "and batch_id is null and iban is not null and holder is not null").params(batchId, paymentId).update();
            if (taken != 1) {
                boolean noAccount = jdbc.sql("select count(*) from grant_payment where id = ? and status = 'DUE' and batch_id is null "
                        + "and (iban is null or holder is null)").param(paymentId).query(Long.class).single() > 0;
                throw InvalidInput.of("payments", noAccount ? "grants.batch.noAccount" : "grants.batch.taken");
            }
        }
        recount(batchId);
        String instance = runtime.startProcessInstanceByKey(PROCESS_KEY, Batch.reference(batchId), Map.of("batchId", batchId))
                .getProcessInstanceId();
        jdbc.sql("update grant_payment_batch set process_instance_id = ? where id = ?").params(instance, batchId).update();
        return find(batchId).orElseThrow();
    }

    /**
     * Takes a payment out of a batch that is not yet decided: it is due again, and {@code user} has changed the batch
     * (and so may not approve it).
     */
    @Transactional
    public void remove(long batchId, long paymentId, String user) {
        Batch batch = lock(batchId);
        if (batch.status() != Status.DRAFT) {
            throw InvalidInput.of("batch", "grants.batch.notDraft");
        }
        int removed = jdbc.sql("update grant_payment set batch_id = null, status = 'DUE' where id = ? and batch_id = ? "
                + "and status = 'IN_BATCH'").params(paymentId, batchId).update();
        if (removed != 1) {
            throw InvalidInput.of("batch", "grants.batch.notInBatch");
        }
        jdbc.sql("insert into grant_payment_batch_change (batch_id, changed_by, change_kind, payment_id, changed_at) "
                + "values (?, ?, 'REMOVED', ?, ?)").params(batchId, user, paymentId, now()).update();
        recount(batchId);
    }

    /**
     * A payment that stops being payable ("do not pay", declined by the applicant: the funding's process, owner A)
     * leaves its batch while the batch waits for approval: it is no longer in the batch, {@code by} counts as having
     * changed the batch (a stop by a coordinator is a change of what is paid) and the batch's count and total follow.
     * Refused ({@code grants.batch.notDraft}) once the batch is approved: then the batch decides. Nothing happens
     * for a payment in no batch. The caller sets the payment's own status (STOPPED, CANCELLED).
     */
    @Transactional
    public void takeOut(long paymentId, String by) {
        Long batchId = jdbc.sql("select batch_id from grant_payment where id = ?").param(paymentId).query(Long.class).optional()
                .orElse(null);
        if (batchId == null) {
            return;
        }
        Batch batch = lock(batchId);
        if (batch.status() == Status.APPROVED) {
            throw InvalidInput.of("batch", "grants.batch.notDraft");
        }
        jdbc.sql("update grant_payment set batch_id = null where id = ? and batch_id = ?").params(paymentId, batchId).update();
        if (batch.status() == Status.DRAFT) {
            jdbc.sql("insert into grant_payment_batch_change (batch_id, changed_by, change_kind, payment_id, changed_at) "
                    + "values (?, ?, 'REMOVED', ?, ?)").params(batchId, by == null ? "system" : by, paymentId, now()).update();
            recount(batchId);
        }
    }

    // ---------------------------------------------------------------- the second coordinator's task

    /**
     * Task_ApproveBatch completed by {@code user}: refused ({@code grants.batch.ownBatch}) when they created or
     * changed the batch, when nobody is signed in, when they are no coordinator (an administrator over the REST API), when the batch is already decided, when an empty batch is
     * approved or a rejection has no reason. Records who decided; {@link #approve} or {@link #reject} follows.
     */
    @Transactional
    public void decide(long batchId, String decision, String reason, String user, boolean coordinator) {
        lock(batchId);
        // a stop or a decline may have taken a payment out meanwhile: the batch is what it holds now
        recount(batchId);
        Batch batch = find(batchId).orElseThrow();
        if (user == null || user.isBlank()) {
            throw InvalidInput.of("batchDecision", "grants.batch.signIn");
        }
        if (!coordinator) {
            throw InvalidInput.of("batchDecision", "grants.batch.coordinatorsOnly");
        }
        if (changers(batchId).contains(user)) {
            throw InvalidInput.of("batchDecision", "grants.batch.ownBatch");
        }
        if (batch.status() != Status.DRAFT) {
            throw InvalidInput.of("batchDecision", "grants.batch.notDraft");
        }
        if ("approve".equals(decision)) {
            if (batch.count() == 0) {
                throw InvalidInput.of("batchDecision", "grants.batch.empty");
            }
            jdbc.sql("update grant_payment_batch set approved_by = ?, approved_at = ? where id = ?").params(user, now(), batchId).update();
        } else if ("reject".equals(decision)) {
            if (reason == null || reason.isBlank()) {
                throw InvalidInput.of("batchRejectReason", "grants.batch.reasonRequired");
            }
            if (reason.length() > 2000) {
                throw InvalidInput.of("batchRejectReason", "grants.batch.reasonTooLong");
            }
            jdbc.sql("update grant_payment_batch set rejected_by = ?, rejected_at = ?, reject_reason = ? where id = ?")
                    .params(user, now(), reason.strip(), batchId).update();
        } else {
            throw InvalidInput.of("batchDecision", "grants.batch.decisionRequired");
        }
    }

    /**
     * The approved batch: its requested execution date set (the next banking day), the pain.001 file and the CSV
     * stored as its documents, every payment PAID and {@value #PAID_MESSAGE} correlated to its funding's process
     * (when none waits, as in tests, the payment is still paid).
     */
    @Transactional
    public void approve(long batchId) {
        Batch batch = lock(batchId);
        if (batch.status() != Status.DRAFT || batch.approvedBy() == null) {
            throw new IllegalStateException(batch.reference() + " is not approved by anyone: " + batch.status());
        }
        LocalDate executionDate = executionDate();
        OffsetDateTime now = now();
        recount(batchId);
        List<Payment> payments = payments(batchId);
        jdbc.sql("update grant_payment_batch set status = 'APPROVED', execution_date = ? where id = ?").params(executionDate, batchId)
                .update();
        Batch approved = find(batchId).orElseThrow();
        String xml = painXml(approved, payments, now);
        storeFile(batchId, PAIN_SLOT, message("grants.batch.file.pain", batch.reference()),
                batch.reference() + "-" + batch.painVersion() + ".xml", "application/xml", xml.getBytes(StandardCharsets.UTF_8),
                approved.approvedBy(), now);
        storeFile(batchId, CSV_SLOT, message("grants.batch.file.csv", batch.reference()), batch.reference() + ".csv",
                "text/csv", csv(approved, payments), approved.approvedBy(), now);
        for (Payment payment : payments) {
            jdbc.sql("update grant_payment set status = 'PAID', paid_at = ? where id = ? and batch_id = ? and status = 'IN_BATCH'")
                    .params(now, payment.id(), batchId).update();
        }
        for (Payment payment : payments) {
            if (payment.fundingProcessInstanceId() != null) {
                runtime.createMessageCorrelation(PAID_MESSAGE).processInstanceId(payment.fundingProcessInstanceId())
                        .setVariableLocal("paymentId", payment.id()).correlateAllWithResult();
            }
        }
    }

    /** The rejected batch: its payments are due again, outside any batch. */
    @Transactional
    public void reject(long batchId) {
        Batch batch = lock(batchId);
        if (batch.status() != Status.DRAFT || batch.rejectedBy() == null) {
            throw new IllegalStateException(batch.reference() + " is not rejected by anyone: " + batch.status());
        }
        jdbc.sql("update grant_payment set batch_id = null, status = 'DUE' where batch_id = ? and status = 'IN_BATCH'").param(batchId)
                .update();
        jdbc.sql("update grant_payment_batch set status = 'REJECTED' where id = ?").param(batchId).update();
    }

    // ---------------------------------------------------------------- files

    /** The pain.001 XML of the batch's payments. */
    public String painXml(Batch batch, List<Payment> payments, OffsetDateTime createdAt) {
        Pain001Files.Header header = new Pain001Files.Header("SILTA-" + batch.reference(), batch.reference() + "-1",
                createdAt.atZoneSameInstant(Locales.HELSINKI).toOffsetDateTime().truncatedTo(ChronoUnit.SECONDS), batch.executionDate(), properties.debtorName(), properties.debtorIban(),
                properties.debtorBic());
        return pain.write(batch.painVersion(), header, payments.stream()
                .map(p -> new Pain001Files.Transfer(p.holder(), p.iban().replace(" ", ""), p.amount(), p.reference())).toList());
    }

    /** The CSV of the same payments (Finnish Excel: semicolons, decimal comma, UTF-8 with a BOM). */
    public byte[] csv(Batch batch, List<Payment> payments) {
        List<String> header = List.of("grants.batch.csv.batch", "grants.batch.csv.case", "grants.batch.csv.organisation",
                "grants.batch.csv.instalment", "grants.batch.csv.holder", "grants.batch.csv.iban", "grants.batch.csv.amount",
                "grants.batch.csv.reference", "grants.batch.csv.executionDate").stream().map(this::message).toList();
        DateTimeFormatter day = DateTimeFormatter.ofPattern("d.M.yyyy");
        List<List<Object>> rows = payments.stream().map(p -> List.<Object>of(batch.reference(), p.caseReference(), p.organisationName(),
                p.instalment(), p.holder(), p.iban().replace(" ", ""), p.amount().setScale(2).toPlainString().replace('.', ','),
                p.reference(), day.format(batch.executionDate()))).toList();
        return ExcelCsv.write(header, rows);
    }

    /**
     * Stores a file the batch produced as a call document (generated here, so not put through the upload rules,
     * which accept only the portal's attachment types).
     */
    private void storeFile(long batchId, String slot, String title, String fileName, String contentType, byte[] content,
            String by, OffsetDateTime now) {
        int version = jdbc.sql("select coalesce(max(version), 0) + 1 from call_document where call_kind = ? and call_id = ? and slot = ?")
                .params(CALL_KIND, batchId, slot).query(Integer.class).single();
        jdbc.sql("insert into call_document (call_kind, call_id, slot, version, title, file_name, content_type, size_bytes, sha256, "
                        + "content, uploaded_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(CALL_KIND, batchId, slot, version, title, fileName, contentType, (long) content.length, sha256(content),
                        (SqlTypeValue) (ps, index, sqlType, typeName) -> ps.setBytes(index, content), by, now)
                .update();
    }

    /** The requested execution date: the first banking day at least the configured number of days from today. */
    public LocalDate executionDate() {
        LocalDate day = LocalDate.now(clock.withZone(Locales.HELSINKI)).plusDays(Math.max(0, properties.executionOffsetDays()));
        while (!deadlines.isWorkingDay(day)) {
            day = day.plusDays(1);
        }
        return day;
    }

    // ---------------------------------------------------------------- helpers

    private Batch lock(long batchId) {
        return jdbc.sql("select " + BATCH_COLUMNS + " from grant_payment_batch where id = ? for update").param(batchId)
                .query(GrantBatches::batch).optional().orElseThrow(() -> InvalidInput.of("batch", "grants.batch.notFound"));
    }

    private void recount(long batchId) {
        jdbc.sql("update grant_payment_batch set total = (select coalesce(sum(amount), 0) from grant_payment where batch_id = ? "
                + "and status in ('IN_BATCH', 'PAID')), payment_count = (select count(*) from grant_payment where batch_id = ? "
                + "and status in ('IN_BATCH', 'PAID')) where id = ?")
                .params(batchId, batchId, batchId).update();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, Locales.FINNISH);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Batch batch(ResultSet rs, int row) throws SQLException {
        return new Batch(rs.getLong("id"), Status.valueOf(rs.getString("status")), rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getString("pain_version"),
                rs.getObject("execution_date", LocalDate.class), rs.getBigDecimal("total"), rs.getInt("payment_count"),
                rs.getString("process_instance_id"), rs.getString("approved_by"), rs.getObject("approved_at", OffsetDateTime.class),
                rs.getString("rejected_by"), rs.getObject("rejected_at", OffsetDateTime.class), rs.getString("reject_reason"));
    }

    static Payment payment(ResultSet rs, int row) throws SQLException {
        return new Payment(rs.getLong("id"), rs.getLong("funding_id"), rs.getInt("instalment"), rs.getBigDecimal("amount"),
                rs.getString("status"), rs.getString("iban"), rs.getString("holder"), rs.getString("reference"),
                rs.getObject("batch_id", Long.class), rs.getString("organisation_name"), rs.getLong("case_id"),
                rs.getString("case_reference"), rs.getString("process_instance_id"));
    }
}

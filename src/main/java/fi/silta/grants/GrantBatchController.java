package fi.silta.grants;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fi.silta.cases.documents.DocumentService;
import fi.silta.security.Roles;
import fi.silta.security.StaffDirectory;
import fi.silta.web.InvalidInput;
import fi.silta.web.TriLingual;

/**
 * The coordinators' payment page (/staff/grants/payments): the payments that are due (IBANs masked but for their
 * last four characters), the batches with their payments, status, changes and files. A coordinator chooses payments
 * (all by default) and creates a batch, or takes a payment out of a batch that waits for approval; the approval
 * itself is Task_ApproveBatch in Tasklist. Every other role gets 403, for the page and for the files.
 */
@Controller
public class GrantBatchController {

    private static final String FIELD_PREFIX = "grants.batch.field.";

    private final GrantBatches batches;
    private final DocumentService documents;
    private final StaffDirectory staff;
    private final TriLingual text;

    public GrantBatchController(GrantBatches batches, DocumentService documents, StaffDirectory staff, TriLingual text) {
        this.batches = batches;
        this.documents = documents;
        this.staff = staff;
        this.text = text;
    }

    /** A batch on the page: its payments, changes and files, and who did what by name. */
    public record BatchView(GrantBatches.Batch batch, List<GrantBatches.Payment> payments, List<GrantBatches.Change> changes,
            List<DocumentService.CallDocument> files) {
    }

    @GetMapping("/staff/grants/payments")
    String page(Model model, Authentication user) {
        requireCoordinator(user);
        List<GrantBatches.Batch> recent = batches.batches(100);
        List<Long> ids = recent.stream().map(GrantBatches.Batch::id).toList();
        Map<Long, List<GrantBatches.Payment>> payments = batches.payments(ids);
        Map<Long, List<GrantBatches.Change>> changes = batches.changes(ids);
        List<BatchView> views = recent.stream().map(b -> new BatchView(b, payments.get(b.id()), changes.get(b.id()),
                b.status() == GrantBatches.Status.APPROVED ? documents.callDocuments(GrantBatches.CALL_KIND, b.id()) : List.of()))
                .toList();
        Map<String, String> names = new java.util.HashMap<>();
        views.forEach(v -> {
            java.util.stream.Stream.of(v.batch().createdBy(), v.batch().approvedBy(), v.batch().rejectedBy())
                    .filter(java.util.Objects::nonNull).forEach(id -> names.computeIfAbsent(id, this::name));
            v.changes().forEach(c -> names.computeIfAbsent(c.changedBy(), this::name));
        });
        model.addAttribute("due", batches.due());
        model.addAttribute("batches", views);
        model.addAttribute("names", names);
        model.addAttribute("me", user.getName());
        return "staff/grant-payments";
    }

    @PostMapping("/staff/grants/payments/batches")
    String create(@RequestParam(name = "paymentId", required = false) List<Long> paymentIds, Authentication user,
            RedirectAttributes redirect, Locale locale) {
        requireCoordinator(user);
        try {
            GrantBatches.Batch batch = batches.create(paymentIds, user.getName());
            redirect.addFlashAttribute("notice", "grants.batch.created");
            return "redirect:/staff/grants/payments#batch-" + batch.id();
        } catch (InvalidInput invalid) {
            redirect.addFlashAttribute("error", text.inLanguage(invalid, FIELD_PREFIX, locale));
            return "redirect:/staff/grants/payments";
        }
    }

    @PostMapping("/staff/grants/payments/batches/{batchId}/remove")
    String remove(@PathVariable long batchId, @RequestParam long paymentId, Authentication user, RedirectAttributes redirect,
            Locale locale) {
        requireCoordinator(user);
        try {
            batches.remove(batchId, paymentId, user.getName());
            redirect.addFlashAttribute("notice", "grants.batch.removed");
        } catch (InvalidInput invalid) {
            redirect.addFlashAttribute("error", text.inLanguage(invalid, FIELD_PREFIX, locale));
        }
        return "redirect:/staff/grants/payments#batch-" + batchId;
    }

    /** A file of an approved batch (the pain.001 XML or the CSV), for coordinators only. */
    @GetMapping("/staff/grants/payments/batches/{batchId}/files/{documentId}")
    ResponseEntity<byte[]> file(@PathVariable long batchId, @PathVariable long documentId, Authentication user) {
        requireCoordinator(user);
        DocumentService.CallDocument document = documents.callDocuments(GrantBatches.CALL_KIND, batchId).stream()
                .filter(d -> d.id() == documentId).findFirst().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        byte[] content = documents.callDocumentContent(GrantBatches.CALL_KIND, batchId, documentId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        String type = document.contentType().startsWith("text/") ? document.contentType() + ";charset=UTF-8" : document.contentType();
        return ResponseEntity.ok().header("Content-Type", type)
                .header("Content-Disposition", ContentDisposition.attachment().filename(document.fileName()).build().toString())
                .header("Cache-Control", "no-store").body(content);
    }

    private String name(String userId) {
        return staff.find(userId).map(StaffDirectory.StaffMember::name).orElse(userId);
    }

    static boolean isCoordinator(Authentication user) {
        return user != null && user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(Roles.COORDINATOR.authority()));
    }

    private static void requireCoordinator(Authentication user) {
        if (!isCoordinator(user)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }
}

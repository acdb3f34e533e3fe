package fi.silta.portal;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import fi.silta.calls.AlreadyAnswered;
import fi.silta.calls.CallAnswer;
import fi.silta.calls.Calls;
import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseKind;
import fi.silta.cases.CaseFileService.OpenedCase;
import fi.silta.cases.CaseRepository;
import fi.silta.organisations.Contact;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.organisations.Verification;
import fi.silta.portal.forms.FormDefinition;
import fi.silta.portal.forms.FormOptions;
import fi.silta.portal.forms.FormSubmission;
import fi.silta.web.InvalidInput;
import fi.silta.web.SubmissionCommits;

/**
 * The one path of every portal form that posts into a case (contact registration, grant
 * applications, the next procedures' answers): the submission key (checked), an earlier
 * submission with it leads to its receipt, every error of the form at once, who may act for the
 * organisation (a verified contact of the organisation the person chose), the procedure's own
 * transactional work, a second post racing the first leads to the first's receipt, and an
 * organisation that has already answered a call that takes one answer is refused naming the first.
 * The controllers keep only what is theirs: their page, their form's variables, their work.
 */
@Component
public class PortalSubmissions {

    /** The field of errors about the submission as a whole (shown in the error summary). */
    public static final String GENERAL = "submission";
    static final int KEY_MAX_LENGTH = 64;

    /** A form as the procedure shows it: its definition, the variables it shows and its option lists. */
    public record Form(FormDefinition definition, Map<String, ?> variables, FormOptions options) {
    }

    /** The procedure's own work, in one transaction; {@link InvalidInput} when its rules refuse. */
    @FunctionalInterface
    public interface Work {
        OpenedCase store(PortalForms.Checked checked, String submissionKey);
    }

    /**
     * What became of a submission: a case (a new one with its status path, or the earlier one of
     * the same submission) or the errors to show with the form refilled and the same key.
     */
    public record Outcome(CaseFile caseFile, String statusPath, InvalidInput errors, String submissionKey) {
        public boolean accepted() {
            return caseFile != null;
        }

        public String receiptRedirect() {
            return "redirect:/portal/cases/" + caseFile.reference() + "/receipt";
        }
    }

    private final PortalForms portalForms;
    private final CaseRepository cases;
    private final OrganisationRepository organisations;
    private final Calls calls;
    private final SubmissionCommits commits;
    private final SubmissionMetrics metrics;
    private final fi.silta.cases.CaseParties parties;

    public PortalSubmissions(PortalForms portalForms, CaseRepository cases, OrganisationRepository organisations, Calls calls,
            SubmissionCommits commits, SubmissionMetrics metrics, fi.silta.cases.CaseParties parties) {
        this.parties = parties;
        this.commits = commits;
        this.metrics = metrics;
        this.portalForms = portalForms;
        this.cases = cases;
        this.organisations = organisations;
        this.calls = calls;
    }

    /**
     * Submits in the name of {@code organisationId}: refused unless {@code signedIn} is a verified
     * contact of it.
     */
    public Outcome submitFor(long organisationId, String signedIn, FormSubmission submission, Form form, Work work) {
        return submit(signedIn, mayActFor(organisationId, signedIn), submission, form, work, true);
    }

    /**
     * As {@link #submitFor}, for an answer typed afresh on each page (a statement, not a draft
     * sent from two tabs): a second answer of the organisation is refused naming the first, also
     * when the same person sends it from another tab (only a repeat of the same post, with the
     * same submission key, leads to the first's receipt).
     */
    public Outcome submitAnswerFor(long organisationId, String signedIn, FormSubmission submission, Form form, Work work) {
        return submit(signedIn, mayActFor(organisationId, signedIn), submission, form, work, false);
    }

    /**
     * Submits what acts for no organisation yet (a person registering as a contact, the steps of
     * their own verification case).
     */
    public Outcome submitAsPerson(String signedIn, FormSubmission submission, Form form, Work work) {
        return submit(signedIn, null, submission, form, work, true);
    }

    /**
     * As {@link #submitAsPerson}, refused by the procedure's rules before any work ({@code refused} not null):
     * its errors are shown with the form's own, nothing is stored (e.g. a posted choice no one may make).
     */
    public Outcome submitAsPerson(String signedIn, InvalidInput refused, FormSubmission submission, Form form, Work work) {
        return submit(signedIn, null, refused, submission, form, work, true);
    }

    private Outcome submit(String signedIn, InvalidInput notAllowed, FormSubmission submission, Form form, Work work,
            boolean otherTabLeadsToFirst) {
        return submit(signedIn, notAllowed, null, submission, form, work, otherTabLeadsToFirst);
    }

    private Outcome submit(String signedIn, InvalidInput notAllowed, InvalidInput refusedByRules, FormSubmission submission,
            Form form, Work work, boolean otherTabLeadsToFirst) {
        String key = submissionKey(submission);
        Optional<CaseFile> earlier = earlier(key);
        if (earlier.isPresent() && !earlier.get().contactEmail().equalsIgnoreCase(signedIn)) {
            // someone else's key (a form page left on a shared computer): never their case, a key of one's own
            key = UUID.randomUUID().toString();
            earlier = Optional.empty();
        }
        if (earlier.isPresent()) {
            SubmissionCommits.storedEarlier(earlier.get().reference());
            return new Outcome(earlier.get(), null, null, key);
        }
        PortalForms.Checked checked = portalForms.check(form.definition(), submission, form.variables(), form.options());
        if (notAllowed != null) {
            checked = checked.withErrors(notAllowed);
        }
        if (refusedByRules != null) {
            checked = checked.withErrors(refusedByRules);
        }
        String shownKey = key == null ? UUID.randomUUID().toString() : key;
        if (checked.errors() != null) {
            metrics.refused(notAllowed != null ? SubmissionMetrics.Refusal.NOT_ALLOWED
                    : refusedByRules != null ? SubmissionMetrics.Refusal.RULES : SubmissionMetrics.Refusal.INVALID);
            return new Outcome(null, null, checked.errors(), shownKey);
        }
        try {
            PortalForms.Checked valid = checked;
            String storedKey = key;
            // marked as stored when it commits: a failure after (the session saved as the receipt's
            // redirect goes out) then says so, not "nothing was stored"
            OpenedCase opened = commits.store(() -> work.store(valid, storedKey), o -> o.caseFile().reference());
            metrics.accepted(opened.caseFile().kind());
            return new Outcome(opened.caseFile(), opened.statusPath(), null, key);
        } catch (InvalidInput rules) {
            metrics.refused(SubmissionMetrics.Refusal.RULES);
            return new Outcome(null, null, checked.withErrors(rules).errors(), shownKey);
        } catch (DuplicateKeyException sameSubmissionTwice) {
            CaseFile first = earlier(key).filter(c -> c.contactEmail().equalsIgnoreCase(signedIn))
                    .orElseThrow(() -> sameSubmissionTwice);
            SubmissionCommits.storedEarlier(first.reference());
            return new Outcome(first, null, null, key);
        } catch (AlreadyAnswered refused) {
            // the same post twice (a double click): the first one's receipt
            Optional<CaseFile> samePost = earlier(key).filter(c -> c.contactEmail().equalsIgnoreCase(signedIn));
            if (samePost.isPresent()) {
                SubmissionCommits.storedEarlier(samePost.get().reference());
                return new Outcome(samePost.get(), null, null, key);
            }
            // the same person's other tab: the receipt of what they sent; anyone else: who sent it, and when
            Optional<CaseFile> own = calls.activeAnswer(refused.callKind(), refused.callId(), refused.scope(), refused.organisationId())
                    .filter(first -> otherTabLeadsToFirst && first.answeredByEmail().equalsIgnoreCase(signedIn)).map(CallAnswer::caseId)
                    .flatMap(cases::find);
            if (own.isPresent()) {
                SubmissionCommits.storedEarlier(own.get().reference());
                return new Outcome(own.get(), null, null, key);
            }
            metrics.refused(SubmissionMetrics.Refusal.ALREADY_ANSWERED);
            return new Outcome(null, null, calls.refusal(refused, GENERAL), shownKey);
        }
    }

    /** Does an action on a case in one transaction, marked as stored in the case when it commits. */
    public void act(CaseFile caseFile, Runnable action) {
        commits.store(() -> {
            action.run();
            return caseFile;
        }, CaseFile::reference);
    }

    /**
     * Null when {@code email} is a verified contact of the organisation; else the refusal
     * ({@code portal.act.notVerified} while the verification is pending, {@code portal.act.notContact}).
     */
    public InvalidInput mayActFor(long organisationId, String email) {
        Optional<Contact> contact = organisations.contactByEmail(organisationId, email);
        if (contact.isEmpty()) {
            return InvalidInput.of(GENERAL, "portal.act.notContact");
        }
        return contact.get().verification() == Verification.VERIFIED ? null : InvalidInput.of(GENERAL, "portal.act.notVerified");
    }

    /** Who acts on a case: the signed-in person, else (with the case's status link) the case's contact. */
    public static String actingPerson(CaseFile caseFile, Authentication signedIn) {
        return signedIn != null ? signedIn.getName() : caseFile.contactEmail();
    }

    /**
     * Who may answer an outsider's task of a case (a supplement, a report, a rectification request):
     * for a case in an organisation's name, a verified contact of that organisation, checked at
     * submission; the steps of a person's own verification case (answering the coordinator's request
     * for more information) are that person's alone, not a colleague's. Null when allowed, else the refusal.
     */
    public InvalidInput mayAnswerFor(CaseFile caseFile, String email) {
        if (caseFile.kind() == CaseKind.CONTACT_REGISTRATION) {
            return caseFile.contactEmail().equalsIgnoreCase(email) ? null
                    : InvalidInput.of(GENERAL, "portal.act.notYourRegistration");
        }
        if (caseFile.organisationId() == null) {
            return null;
        }
        InvalidInput refused = mayActFor(caseFile.organisationId(), email);
        // a verified contact of a member organisation the case's procedure names (a grouped hyte negotiation's
        // other municipalities) acts on it as the case organisation's own contacts do
        return refused != null && email != null && parties.isVerifiedMember(email, caseFile) ? null : refused;
    }

    private Optional<CaseFile> earlier(String key) {
        return key == null ? Optional.empty() : cases.findBySubmissionKey(key);
    }

    /** The submission key the form page carried; null when it sent none or one that is not a key. */
    static String submissionKey(FormSubmission submission) {
        String key = submission.first("submissionKey");
        return key == null || key.isBlank() || key.length() > KEY_MAX_LENGTH || !key.matches("[A-Za-z0-9-]+") ? null : key;
    }
}

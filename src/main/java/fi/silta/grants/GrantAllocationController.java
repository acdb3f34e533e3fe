package fi.silta.grants;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseRepository;
import fi.silta.organisations.Organisation;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.security.Roles;
import fi.silta.security.StaffDirectory;
import fi.silta.web.InvalidInput;
import fi.silta.web.TriLingual;

/**
 * A round's allocation page (/staff/grants/{roundId}/allocation), which Task_AllocateGrants and
 * Task_ApproveAllocation link to: the proposal and the amounts now, in order, with the budget and
 * what is left, every change with who, when and why. Coordinators change amounts and the order
 * while the allocation is theirs, propose again, or close a review that cannot finish; everyone
 * else who may see the round reads it. A refused change stores nothing and says why in Finnish,
 * Swedish and English, with what was typed kept in the form.
 */
@Controller
public class GrantAllocationController {

    private final GrantRoundRepository rounds;
    private final GrantAllocationService allocation;
    private final GrantApplicationRepository applications;
    private final OrganisationRepository organisations;
    private final CaseRepository cases;
    private final StaffDirectory staff;
    private final TriLingual text;
    private final GrantDecisionDocument document;
    private final GrantRoundDisqualifications disqualifications;

    public GrantAllocationController(GrantRoundRepository rounds, GrantAllocationService allocation,
            GrantApplicationRepository applications, OrganisationRepository organisations, CaseRepository cases,
            StaffDirectory staff, TriLingual text, GrantDecisionDocument document, GrantRoundDisqualifications disqualifications) {
        this.disqualifications = disqualifications;
        this.document = document;
        this.rounds = rounds;
        this.allocation = allocation;
        this.applications = applications;
        this.organisations = organisations;
        this.cases = cases;
        this.staff = staff;
        this.text = text;
    }

    /** One line of the page: the allocation row with the applicant's name and the case. */
    public record Line(GrantAllocationRepository.Row row, String organisationName, String caseReference, BigDecimal score) {
    }

    @GetMapping("/staff/grants/{roundId}/allocation")
    String page(@PathVariable long roundId, Model model, Locale locale, Authentication user) {
        GrantRound round = rounds.find(roundId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        List<Line> lines = allocation.rows(roundId).stream().map(row -> {
            GrantApplication application = applications.find(row.applicationId()).orElseThrow();
            String name = organisations.find(application.organisationId()).map(Organisation::name).orElse("?");
            String reference = application.caseId() == null ? "" : cases.find(application.caseId()).map(CaseFile::reference).orElse("");
            return new Line(row, name, reference, application.finalScore());
        }).toList();
        BigDecimal total = allocation.total(roundId);
        Map<String, String> names = new LinkedHashMap<>();
        List<GrantAllocationRepository.Event> events = allocation.events(roundId);
        events.stream().map(GrantAllocationRepository.Event::actor).filter(a -> a != null).distinct()
                .forEach(id -> names.put(id, staff.find(id).map(StaffDirectory.StaffMember::name).orElse(id)));
        model.addAttribute("round", round);
        model.addAttribute("roundName", round.name(locale));
        model.addAttribute("lines", lines);
        model.addAttribute("references", lines.stream().collect(java.util.stream.Collectors.toMap(l -> l.row().applicationId(),
                Line::caseReference)));
        model.addAttribute("total", total);
        model.addAttribute("left", round.budget().subtract(total));
        model.addAttribute("events", events);
        model.addAttribute("actorNames", names);
        model.addAttribute("returnComments", round.status() == GrantRound.Status.ALLOCATING ? allocation.lastReturnComments(roundId) : null);
        model.addAttribute("reviewClosedNote", rounds.reviewClosedNote(roundId).orElse(null));
        model.addAttribute("underReview", applications.byRound(roundId).stream()
                .filter(a -> GrantAllocationService.UNDER_REVIEW.contains(a.status())).count());
        boolean coordinator = isCoordinator(user);
        List<GrantRoundDisqualifications.Declaration> declarations = disqualifications.all(roundId);
        declarations.forEach(d -> names.computeIfAbsent(d.userId(), id -> staff.find(id).map(StaffDirectory.StaffMember::name).orElse(id)));
        model.addAttribute("declarations", declarations);
        model.addAttribute("myRoles", round.status() == GrantRound.Status.DECIDED ? List.of() : roles(round, user));
        java.util.Set<Long> mine = new java.util.HashSet<>();
        if (user != null) {
            roles(round, user).forEach(role -> mine.addAll(disqualifications.disqualifiedOn(roundId, user.getName(), role)));
        }
        model.addAttribute("myDisqualifications", mine);
        model.addAttribute("substituteOptions", coordinator && round.status() != GrantRound.Status.DECIDED
                ? staff.members(Roles.DECISION_MAKER.groupId()).stream().filter(m -> !m.id().equals(round.decisionMakerUserId())).toList()
                : List.of());
        model.addAttribute("decisionMakerName", round.decisionMakerUserId() == null ? "" : staff.find(round.decisionMakerUserId())
                .map(StaffDirectory.StaffMember::name).orElse(round.decisionMakerUserId()));
        model.addAttribute("substituteName", round.substituteDecisionMakerUserId() == null ? null
                : staff.find(round.substituteDecisionMakerUserId()).map(StaffDirectory.StaffMember::name)
                        .orElse(round.substituteDecisionMakerUserId()));
        model.addAttribute("mayChange", coordinator && round.status() == GrantRound.Status.ALLOCATING);
        model.addAttribute("mayCloseReview", coordinator && round.status() == GrantRound.Status.CLOSED);
        return "staff/grant-allocation";
    }

    /** The round's decision list as approved by its decision maker (PDF/A, in the reader's language). */
    @GetMapping("/staff/grants/{roundId}/decisions.pdf")
    org.springframework.http.ResponseEntity<byte[]> decisionList(@PathVariable long roundId, Locale locale) {
        GrantRound round = rounds.find(roundId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (round.status() != GrantRound.Status.DECIDED) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return org.springframework.http.ResponseEntity.ok().contentType(org.springframework.http.MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "attachment; filename=\"" + GrantRoundService.reference(roundId) + "-decisions.pdf\"")
                .header("Cache-Control", "no-store").body(document.decisionListPdf(roundId, locale));
    }

    @PostMapping("/staff/grants/{roundId}/allocation/{applicationId}")
    String change(@PathVariable long roundId, @PathVariable long applicationId, @RequestParam(required = false) String amount,
            @RequestParam(required = false) String position, @RequestParam(required = false) String reason, Authentication user,
            RedirectAttributes redirect, Locale locale) {
        requireCoordinator(user);
        try {
            allocation.change(roundId, applicationId, amount, position, reason, user.getName());
            redirect.addFlashAttribute("notice", "grants.allocation.changed");
        } catch (InvalidInput invalid) {
            redirect.addFlashAttribute("error", text.inLanguage(invalid, "grants.allocation.field.", locale));
            redirect.addFlashAttribute("typed", Map.of("applicationId", applicationId, "amount", amount == null ? "" : amount,
                    "position", position == null ? "" : position, "reason", reason == null ? "" : reason));
        }
        return "redirect:/staff/grants/" + roundId + "/allocation#application-" + applicationId;
    }

    @PostMapping("/staff/grants/{roundId}/allocation/propose")
    String proposeAgain(@PathVariable long roundId, @RequestParam(defaultValue = "false") boolean lastPartly, Authentication user,
            RedirectAttributes redirect, Locale locale) {
        requireCoordinator(user);
        if (rounds.find(roundId).map(GrantRound::status).orElse(null) != GrantRound.Status.ALLOCATING) {
            redirect.addFlashAttribute("error", text.inLanguage(fi.silta.web.InvalidInput.of("allocation", "grants.allocation.notOpen"), "grants.allocation.field.", locale));
            return "redirect:/staff/grants/" + roundId + "/allocation";
        }
        try {
            allocation.propose(roundId, lastPartly, user.getName());
            redirect.addFlashAttribute("notice", "grants.allocation.proposedAgain");
        } catch (InvalidInput invalid) {
            redirect.addFlashAttribute("error", text.inLanguage(invalid, "grants.allocation.field.", locale));
        }
        return "redirect:/staff/grants/" + roundId + "/allocation";
    }

    @PostMapping("/staff/grants/{roundId}/review/close")
    String closeReview(@PathVariable long roundId, @RequestParam(required = false) String reason, Authentication user,
            RedirectAttributes redirect, Locale locale) {
        requireCoordinator(user);
        try {
            allocation.closeReviewEarly(roundId, reason, user.getName());
            redirect.addFlashAttribute("notice", "grants.allocation.review.closed");
        } catch (InvalidInput invalid) {
            redirect.addFlashAttribute("error", text.inLanguage(invalid, "grants.allocation.field.", locale));
        }
        return "redirect:/staff/grants/" + roundId + "/allocation";
    }

    /**
     * A declaration of disqualification by the signed-in person in one of the roles they have in
     * the round: any coordinator, the round's decision maker, its substitute.
     */
    @PostMapping("/staff/grants/{roundId}/declaration")
    String declare(@PathVariable long roundId, @RequestParam String role,
            @RequestParam(name = "disqualifiedOn", required = false) List<Long> disqualifiedOn,
            @RequestParam(required = false) String note, Authentication user, RedirectAttributes redirect, Locale locale) {
        GrantRound round = rounds.find(roundId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        GrantRoundDisqualifications.Role as;
        try {
            as = GrantRoundDisqualifications.Role.valueOf(role);
        } catch (IllegalArgumentException unknown) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        if (!roles(round, user).contains(as)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        try {
            disqualifications.declare(roundId, user.getName(), as, disqualifiedOn == null ? List.of() : disqualifiedOn, note);
            redirect.addFlashAttribute("notice", "grants.disqualification.declared");
        } catch (InvalidInput invalid) {
            redirect.addFlashAttribute("error", text.inLanguage(invalid, "grants.disqualification.field.", locale));
        }
        return "redirect:/staff/grants/" + roundId + "/allocation#declaration";
    }

    /**
     * A coordinator names (or changes) the round's substitute decision maker until the round is
     * decided: a member of the decision makers who is not the round's decision maker.
     */
    @PostMapping("/staff/grants/{roundId}/substitute")
    String substitute(@PathVariable long roundId, @RequestParam(required = false) String substitute, Authentication user,
            RedirectAttributes redirect, Locale locale) {
        requireCoordinator(user);
        try {
            rounds.find(roundId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
            allocation.nameSubstitute(roundId, substitute);
            redirect.addFlashAttribute("notice", "grants.disqualification.substituteNamed");
        } catch (InvalidInput invalid) {
            redirect.addFlashAttribute("error", text.inLanguage(invalid, "grants.round.field.", locale));
        }
        return "redirect:/staff/grants/" + roundId + "/allocation#declaration";
    }

    private static List<GrantRoundDisqualifications.Role> roles(GrantRound round, Authentication user) {
        List<GrantRoundDisqualifications.Role> roles = new java.util.ArrayList<>();
        if (user == null) {
            return roles;
        }
        if (isCoordinator(user)) {
            roles.add(GrantRoundDisqualifications.Role.COORDINATOR);
        }
        if (user.getName().equals(round.decisionMakerUserId())) {
            roles.add(GrantRoundDisqualifications.Role.DECISION_MAKER);
        }
        if (user.getName().equals(round.substituteDecisionMakerUserId())) {
            roles.add(GrantRoundDisqualifications.Role.SUBSTITUTE);
        }
        return roles;
    }

    private static boolean isCoordinator(Authentication user) {
        return user != null && user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(Roles.COORDINATOR.authority()));
    }

    private static void requireCoordinator(Authentication user) {
        if (!isCoordinator(user)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }
}

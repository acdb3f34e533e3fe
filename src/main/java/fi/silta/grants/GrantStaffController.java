package fi.silta.grants;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseRepository;
import fi.silta.organisations.Organisation;
import fi.silta.organisations.OrganisationRepository;

/** A round's scored applications in score order, for coordinators, decision makers and managers. */
@Controller
public class GrantStaffController {

    private final GrantRoundRepository rounds;
    private final GrantApplicationRepository applications;
    private final OrganisationRepository organisations;
    private final CaseRepository cases;

    public GrantStaffController(GrantRoundRepository rounds, GrantApplicationRepository applications,
            OrganisationRepository organisations, CaseRepository cases) {
        this.rounds = rounds;
        this.applications = applications;
        this.organisations = organisations;
        this.cases = cases;
    }

    /** Every grant round with its state and the pages it has: ranking, allocation, decision list. */
    @GetMapping("/staff/grants")
    String rounds(Model model, Locale locale) {
        fi.silta.web.Formats formats = new fi.silta.web.Formats(locale);
        Map<Long, Long> submitted = applications.submittedCountsByRound();
        model.addAttribute("rounds", rounds.all().stream().map(r -> Map.of("round", r, "name", r.name(locale),
                "reference", GrantRoundService.reference(r.id()), "period", formats.dateTime(r.opensAt()) + " – " + formats.dateTime(r.closesAt()),
                "applications", submitted.getOrDefault(r.id(), 0L))).toList());
        return "staff/grant-rounds";
    }

    @GetMapping("/staff/grants/{roundId}")
    String ranking(@PathVariable long roundId, Model model, Locale locale) {
        GrantRound round = rounds.find(roundId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        var ranked = applications.ranking(roundId);
        Map<Long, String> names = ranked.stream().map(GrantApplication::organisationId).distinct()
                .collect(Collectors.toMap(Function.identity(), id -> organisations.find(id).map(Organisation::name).orElse("?")));
        Map<Long, String> references = ranked.stream().filter(a -> a.caseId() != null)
                .collect(Collectors.toMap(GrantApplication::id, a -> cases.find(a.caseId()).map(CaseFile::reference).orElse("")));
        model.addAttribute("round", round);
        model.addAttribute("roundName", round.name(locale));
        model.addAttribute("ranking", ranked);
        model.addAttribute("names", names);
        model.addAttribute("references", references);
        return "staff/grant-ranking";
    }
}

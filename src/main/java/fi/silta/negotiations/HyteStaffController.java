package fi.silta.negotiations;

import java.util.List;
import java.util.Locale;
import java.util.Map;

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

import fi.silta.cases.documents.DocumentResponses;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.security.Roles;
import fi.silta.security.StaffDirectory;
import fi.silta.web.Formats;
import fi.silta.web.InvalidInput;
import fi.silta.web.Locales;
import fi.silta.web.TriLingual;

/**
 * The hyte cycles for staff: {@code /staff/hyte} lists the county's cycles, {@code /staff/hyte/{year}} shows one (its
 * choices, the NGO cooperation group's statement, the negotiations and their state, the yearly summary as HTML and
 * PDF in Finnish and Swedish) and lets a hyte coordinator close it early with a reason. Hyte coordinators act; liaisons,
 * decision makers, managers and administrators read (SecurityConfig); others get 403.
 */
@Controller
public class HyteStaffController {

    private final HyteCycles cycles;
    private final HyteSummaries summaries;
    private final OrganisationRepository organisations;
    private final StaffDirectory staff;
    private final TriLingual text;
    private final org.springframework.context.MessageSource messages;

    public HyteStaffController(HyteCycles cycles, HyteSummaries summaries, OrganisationRepository organisations, StaffDirectory staff,
            TriLingual text, org.springframework.context.MessageSource messages) {
        this.messages = messages;
        this.cycles = cycles;
        this.summaries = summaries;
        this.organisations = organisations;
        this.staff = staff;
        this.text = text;
    }

    @GetMapping("/staff/hyte")
    String list(Model model, Authentication user) {
        model.addAttribute("cycles", cycles.all().stream().map(c -> {
            List<HyteNegotiationRow> negotiations = cycles.negotiations(c);
            return Map.of("cycle", c, "total", negotiations.size(), "done", negotiations.stream().filter(HyteNegotiationRow::done).count());
        }).toList());
        model.addAttribute("coordinator", isHyteCoordinator(user));
        return "negotiations/staff-cycles";
    }

    @GetMapping("/staff/hyte/{year}")
    String page(@PathVariable int year, Authentication user, Model model, Locale locale) {
        HyteCycle cycle = cycle(year);
        Formats formats = new Formats(locale);
        List<HyteNegotiationRow> negotiations = cycles.negotiations(cycle);
        Map<Long, String> names = organisations.names(negotiations.stream().flatMap(n -> n.municipalities().stream()).distinct().toList());
        model.addAttribute("cycle", cycle);
        model.addAttribute("formats", formats);
        model.addAttribute("title", text(locale, "hyte.cycle.staff.cycleTitle", String.valueOf(cycle.year())));
        model.addAttribute("coordinator", isHyteCoordinator(user));
        model.addAttribute("negotiations", negotiations.stream().map(n -> Map.of("row", n, "municipalities",
                String.join(", ", n.municipalities().stream().map(names::get).toList()))).toList());
        model.addAttribute("doneCount", negotiations.stream().filter(HyteNegotiationRow::done).count());
        model.addAttribute("closedByName", cycle.closedBy() == null ? "" : staff.find(cycle.closedBy()).map(StaffDirectory.StaffMember::name)
                .orElse(cycle.closedBy()));
        model.addAttribute("statementByName", cycle.groupStatementBy() == null ? "" : staff.find(cycle.groupStatementBy())
                .map(StaffDirectory.StaffMember::name).orElse(cycle.groupStatementBy()));
        model.addAttribute("entries", summaries.entries(cycle, locale));
        model.addAttribute("documents", summaries.stored(cycle).stream().filter(d -> d.slot().startsWith("summary-")).toList());
        return "negotiations/staff-cycle";
    }

    @PostMapping("/staff/hyte/{year}/close")
    String close(@PathVariable int year, @RequestParam(required = false) String reason, Authentication user, RedirectAttributes redirect,
            Locale locale) {
        if (!isHyteCoordinator(user)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        cycle(year);
        try {
            cycles.closeEarly(year, reason, user.getName());
            redirect.addFlashAttribute("notice", "hyte.cycle.staff.closed");
        } catch (InvalidInput invalid) {
            redirect.addFlashAttribute("error", text.inLanguage(invalid, HyteCycleDelegates.FIELD_PREFIX, locale));
        }
        return "redirect:/staff/hyte/" + year;
    }

    /** The summary as a PDF in Finnish ({@code fi}) or Swedish ({@code sv}), as it stands now. */
    @GetMapping("/staff/hyte/{year}/summary-{language}.pdf")
    ResponseEntity<byte[]> summaryPdf(@PathVariable int year, @PathVariable String language) {
        if (!"fi".equals(language) && !"sv".equals(language)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        HyteCycle cycle = cycle(year);
        return DocumentResponses.download(HyteSummaries.fileName(cycle, language), "application/pdf",
                summaries.pdf(cycle, "sv".equals(language) ? Locales.SWEDISH : Locales.FINNISH));
    }

    /** A stored summary document (made when the cycle ended). */
    @GetMapping("/staff/hyte/{year}/documents/{documentId}")
    ResponseEntity<byte[]> document(@PathVariable int year, @PathVariable long documentId) {
        HyteCycle cycle = cycle(year);
        var document = summaries.stored(cycle).stream().filter(d -> d.id() == documentId).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return DocumentResponses.download(document.fileName(), document.contentType(), summaries.content(cycle, documentId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
    }

    private HyteCycle cycle(int year) {
        return cycles.byYear(year).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private String text(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    static boolean isHyteCoordinator(Authentication user) {
        return Roles.anyOf(user, List.of(Roles.HYTE_COORDINATOR));
    }
}

package fi.silta.negotiations;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fi.silta.negotiations.HyteMemoNegotiations.Negotiation;
import fi.silta.negotiations.HyteMemos.MeasureInput;
import fi.silta.negotiations.HyteMemos.MemoInput;
import fi.silta.negotiations.HyteMemos.OwnerKind;
import fi.silta.security.Roles;
import fi.silta.web.Formats;
import fi.silta.web.InvalidInput;

/**
 * The memo's staff page ({@code /staff/cases/{reference}/hyte-memo}), linked from Task_RecordMemo's form, the
 * county's approval form and the staff case page: a hyte coordinator writes the goals, the measures (text; owner:
 * the county, a municipality of the negotiation or an organisation acting in its area; due date; indicator; a new
 * row with "Add a row", also without JavaScript), cooperation and information flow, while the memo is a draft or
 * changes were asked; decision makers and liaisons read it, with every approval answer and comment; others get 403.
 */
@Controller
public class HyteMemoStaffController {

    /** Who may read the memo page: whoever sees the whole negotiation (HyteCaseAccessRule); only hyte coordinators edit. */
    static final List<Roles> READERS = List.of(Roles.HYTE_COORDINATOR, Roles.DECISION_MAKER, Roles.LIAISON, Roles.MANAGER,
            Roles.ADMINISTRATOR);
    static final int MAX_MEASURES = 100;

    private final HyteMemos memos;
    private final HyteMemoNegotiations negotiations;
    private final MessageSource messages;

    public HyteMemoStaffController(HyteMemos memos, HyteMemoNegotiations negotiations, MessageSource messages) {
        this.memos = memos;
        this.negotiations = negotiations;
        this.messages = messages;
    }

    @GetMapping("/staff/cases/{reference}/hyte-memo")
    String page(@PathVariable String reference, Authentication user, Model model, Locale locale) {
        Negotiation negotiation = negotiation(reference, user);
        var memo = memos.memo(negotiation.id());
        List<Map<String, String>> rows = new ArrayList<>();
        for (var m : memos.measures(negotiation.id())) {
            rows.add(row(m.text(), owner(m.ownerKind(), m.ownerOrganisationId()),
                    m.ownerKind() == OwnerKind.ORGANISATION ? String.valueOf(m.ownerOrganisationId()) : "", m.dueDate().toString(),
                    m.indicator()));
        }
        boolean editable = mayEdit(user) && memo.map(HyteMemos.Memo::editable).orElse(true);
        if (editable) {
            rows.add(row("", "", "", "", ""));
        }
        fill(model, negotiation, user, locale, rows, memo.map(HyteMemos.Memo::goals).orElse(""),
                memo.map(HyteMemos.Memo::cooperation).orElse(""), memo.map(HyteMemos.Memo::informationFlow).orElse(""), List.of());
        return "negotiations/staff-memo";
    }

    @PostMapping("/staff/cases/{reference}/hyte-memo")
    String save(@PathVariable String reference, HttpServletRequest request, HttpServletResponse response, Authentication user,
            Model model, Locale locale, RedirectAttributes redirect) {
        Negotiation negotiation = negotiation(reference, user);
        if (!mayEdit(user)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        List<Map<String, String>> rows = new ArrayList<>();
        int count = Math.min(parse(request.getParameter("measureCount")), MAX_MEASURES);
        for (int i = 1; i <= count; i++) {
            String p = "measure" + i + ".";
            rows.add(row(value(request, p + "text"), value(request, p + "owner"), value(request, p + "organisation"),
                    value(request, p + "due"), value(request, p + "indicator")));
        }
        String goals = value(request, "goals");
        String cooperation = value(request, "cooperation");
        String informationFlow = value(request, "informationFlow");
        if ("addRow".equals(request.getParameter("action"))) {
            rows.add(row("", "", "", "", ""));
            fill(model, negotiation, user, locale, rows, goals, cooperation, informationFlow, List.of());
            return "negotiations/staff-memo";
        }
        List<MeasureInput> measures = new ArrayList<>();
        InvalidInput.Collector unreadable = new InvalidInput.Collector();
        int n = 0;
        List<Map<String, String>> kept = new ArrayList<>();
        for (Map<String, String> r : rows) {
            if (r.values().stream().allMatch(String::isBlank)) {
                continue; // an empty row adds nothing
            }
            n++;
            kept.add(r);
            measures.add(input(r, n, unreadable));
        }
        try {
            unreadable.throwIfAny();
            memos.save(negotiation.id(), new MemoInput(goals, cooperation, informationFlow, measures), user.getName());
            redirect.addFlashAttribute("notice", "hyte.memo.saved");
            return "redirect:/staff/cases/" + negotiation.reference() + "/hyte-memo";
        } catch (InvalidInput refused) {
            response.setStatus(422);
            kept.add(row("", "", "", "", ""));
            fill(model, negotiation, user, locale, kept, goals, cooperation, informationFlow,
                    refused.errors().stream().map(e -> messages.getMessage(e.messageKey(), e.args(locale), locale)).toList());
            return "negotiations/staff-memo";
        }
    }

    private MeasureInput input(Map<String, String> r, int n, InvalidInput.Collector unreadable) {
        OwnerKind kind = null;
        Long organisation = null;
        String owner = r.get("owner");
        if (owner.equals("COUNTY")) {
            kind = OwnerKind.COUNTY;
        } else if (owner.startsWith("MUNICIPALITY:")) {
            kind = OwnerKind.MUNICIPALITY;
            organisation = parseId(owner.substring("MUNICIPALITY:".length()));
        } else if (owner.equals("ORGANISATION")) {
            kind = OwnerKind.ORGANISATION;
            organisation = parseId(r.get("organisation"));
        }
        LocalDate due = null;
        if (!r.get("due").isBlank()) {
            try {
                due = LocalDate.parse(r.get("due").strip());
            } catch (DateTimeParseException e) {
                unreadable.add("measure" + n + ".due", "hyte.measure.dueInvalid", n);
            }
        }
        return new MeasureInput(r.get("text"), kind, organisation, due, r.get("indicator"));
    }

    private void fill(Model model, Negotiation negotiation, Authentication user, Locale locale, List<Map<String, String>> rows, String goals,
            String cooperation, String informationFlow, List<String> errors) {
        var memo = memos.memo(negotiation.id());
        Formats formats = new Formats(locale);
        model.addAttribute("negotiation", negotiation);
        model.addAttribute("title", messages.getMessage("hyte.memo.pageTitle", new Object[] {negotiation.reference()}, locale));
        model.addAttribute("status", memo.map(m -> m.status().name()).orElse("DRAFT"));
        model.addAttribute("editable", mayEdit(user) && memo.map(HyteMemos.Memo::editable).orElse(true));
        model.addAttribute("goals", goals);
        model.addAttribute("cooperation", cooperation);
        model.addAttribute("informationFlow", informationFlow);
        model.addAttribute("rows", rows);
        model.addAttribute("errors", errors);
        model.addAttribute("municipalities", negotiations.municipalities(negotiation.id()));
        model.addAttribute("organisations", negotiations.organisationChoices(negotiation.id()));
        List<Map<String, Object>> measures = new ArrayList<>();
        for (var m : memos.measures(negotiation.id())) {
            Map<String, Object> v = new HashMap<>();
            v.put("n", m.position());
            v.put("text", m.text());
            v.put("status", m.status().name());
            v.put("note", m.note() == null ? "" : m.note());
            v.put("due", formats.date(m.dueDate()));
            measures.add(v);
        }
        model.addAttribute("measures", measures);
        model.addAttribute("reviews", memo.map(m -> memos.reviews(m.id()).stream().map(r -> Map.<String, Object>of("round", r.approvalRound(),
                "side", r.side().name(), "decision", r.decision().name(), "comments", r.comments() == null ? "" : r.comments(),
                "by", r.decidedBy(), "at", formats.dateTime(r.decidedAt()))).toList()).orElse(List.of()));
    }

    private Negotiation negotiation(String reference, Authentication user) {
        if (!Roles.anyOf(user, READERS)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return negotiations.byReference(reference).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static boolean mayEdit(Authentication user) {
        return Roles.anyOf(user, List.of(Roles.HYTE_COORDINATOR));
    }

    private static String owner(OwnerKind kind, Long organisationId) {
        return switch (kind) {
            case COUNTY -> "COUNTY";
            case MUNICIPALITY -> "MUNICIPALITY:" + organisationId;
            case ORGANISATION -> "ORGANISATION";
        };
    }

    private static Map<String, String> row(String text, String owner, String organisation, String due, String indicator) {
        Map<String, String> row = new HashMap<>();
        row.put("text", text == null ? "" : text);
        row.put("owner", owner == null ? "" : owner);
        row.put("organisation", organisation == null ? "" : organisation);
        row.put("due", due == null ? "" : due);
        row.put("indicator", indicator == null ? "" : indicator);
        return row;
    }

    private static String value(HttpServletRequest request, String name) {
        String v = request.getParameter(name);
        return v == null ? "" : v;
    }

    private static int parse(String number) {
        try {
            return number == null ? 0 : Math.max(0, Integer.parseInt(number.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Long parseId(String id) {
        try {
            return id == null || id.isBlank() ? null : Long.valueOf(id.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

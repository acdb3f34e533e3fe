package fi.silta.negotiations;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseKind;
import fi.silta.cases.CaseStaffSection;
import fi.silta.cases.CaseVisibility;
import fi.silta.portal.CaseStatusSection;
import fi.silta.web.Formats;
import fi.silta.web.Section;

/**
 * The memo on the negotiation's shared pages: on the staff case page its state and a link to the memo page; on
 * the portal's status page, once it went to approval, the memo itself (what the municipality approves) with its
 * measures and their follow-up status.
 */
@Component
@Order(50)
class HyteMemoSections implements CaseStaffSection, CaseStatusSection {

    private final HyteMemos memos;
    private final HyteMemoNegotiations negotiations;
    private final HyteMemoDocuments documents;

    HyteMemoSections(HyteMemos memos, HyteMemoNegotiations negotiations, HyteMemoDocuments documents) {
        this.memos = memos;
        this.negotiations = negotiations;
        this.documents = documents;
    }

    @Override
    public List<Section> staffCase(CaseFile caseFile, CaseVisibility visibility, Authentication staff, Locale locale) {
        if (caseFile.kind() != CaseKind.HYTE_NEGOTIATION || visibility != CaseVisibility.FULL) {
            return List.of();
        }
        return negotiations.byReference(caseFile.reference()).map(n -> List.of(new Section("negotiations/staff-memo-section",
                Map.of("reference", n.reference(), "status", memos.memo(n.id()).map(m -> m.status().name()).orElse("NONE"),
                        "measureCount", memos.measures(n.id()).size())))).orElse(List.of());
    }

    @Override
    public List<Section> statusPage(CaseFile caseFile, String token, Locale locale) {
        if (caseFile.kind() != CaseKind.HYTE_NEGOTIATION) {
            return List.of();
        }
        return negotiations.byReference(caseFile.reference()).flatMap(n -> memos.memo(n.id()).filter(m -> !m.editable() || m.approvalRound() > 0)
                .map(memo -> {
                    Formats formats = new Formats(locale);
                    Map<String, Object> model = new HashMap<>();
                    model.put("memo", memo);
                    model.put("measures", memos.measures(n.id()).stream().map(m -> Map.of("n", m.position(), "text", m.text(),
                            "owner", documents.owner(m, locale), "due", formats.date(m.dueDate()),
                            "indicator", m.indicator() == null ? "" : m.indicator(), "status", m.status().name())).toList());
                    return List.of(new Section("negotiations/status-memo", model));
                })).orElse(List.of());
    }
}

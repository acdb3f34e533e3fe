package fi.silta.negotiations;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseKind;
import fi.silta.cases.CaseStaffSection;
import fi.silta.cases.CaseVisibility;
import fi.silta.security.Roles;
import fi.silta.web.Section;

/**
 * On a hyte negotiation's staff case page (Task_DraftAgenda links there): the municipality's background, the agenda
 * and the meeting with its participants (the NGOs' input follows in {@link HyteInputSection}, the memo in
 * {@link HyteMemoSections}); for hyte coordinators
 * the actions that move or cancel the meeting (messages HyteMeetingMoved / HyteMeetingCancelled).
 */
@Component
@org.springframework.core.annotation.Order(30)
class HyteNegotiationSection implements CaseStaffSection {

    private final HyteNegotiationRecords negotiations;
    private final HyteBackgrounds backgrounds;
    private final HyteMeetings meetings;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    HyteNegotiationSection(HyteNegotiationRecords negotiations, HyteBackgrounds backgrounds, HyteMeetings meetings,
            org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this.negotiations = negotiations;
        this.backgrounds = backgrounds;
        this.meetings = meetings;
        this.jdbc = jdbc;
    }

    @Override
    public List<Section> staffCase(CaseFile caseFile, CaseVisibility visibility, Authentication staff, Locale locale) {
        if (caseFile.kind() != CaseKind.HYTE_NEGOTIATION) {
            return List.of();
        }
        return negotiations.byCaseReference(caseFile.reference()).map(n -> List.of(new Section("negotiations/case-negotiation",
                model(n, isHyteCoordinator(staff))))).orElse(List.of());
    }

    Map<String, Object> model(HyteNegotiationRecords.Negotiation negotiation, boolean mayChangeMeeting) {
        Map<String, Object> model = new HashMap<>();
        model.put("reference", negotiation.caseReference());
        model.put("title", negotiation.title());
        model.put("municipalities", String.join(", ", negotiations.municipalityNames(negotiation.id())));
        // the cycle's staff page (/staff/hyte/<year>)
        model.put("cycleYear", negotiation.cycleYear());
        backgrounds.find(negotiation.id()).ifPresent(b -> model.put("background", b));
        jdbc.sql("select agenda from hyte_agenda where negotiation_id = ?").param(negotiation.id()).query(String.class).optional()
                .ifPresent(a -> model.put("agenda", a));
        meetings.current(negotiation.id()).ifPresent(m -> model.put("meeting", m));
        // a meeting can be moved or cancelled only while the negotiation waits for it (status MEETING), not once it is held
        boolean waitsForMeeting = jdbc.sql("select status from hyte_negotiation where id = ?").param(negotiation.id())
                .query(String.class).optional().filter("MEETING"::equals).isPresent();
        model.put("mayChangeMeeting", mayChangeMeeting && waitsForMeeting && meetings.current(negotiation.id()).isPresent());
        return model;
    }

    static boolean isHyteCoordinator(Authentication staff) {
        return staff != null && staff.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(Roles.HYTE_COORDINATOR.authority()));
    }
}

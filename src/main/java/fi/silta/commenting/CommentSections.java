package fi.silta.commenting;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseJourney;
import fi.silta.cases.CaseKind;
import fi.silta.cases.CaseProgress;
import fi.silta.cases.CaseStaffSection;
import fi.silta.cases.CaseVisibility;
import fi.silta.cases.documents.DocumentService;
import fi.silta.portal.CaseStatusSection;
import fi.silta.portal.FrontPageSection;
import fi.silta.web.Formats;
import fi.silta.web.Section;

/**
 * What commenting rounds add to the shared pages: open rounds on the portal's front page, an
 * answer's copy on its status page and staff page, and its journey (given → responses → summary).
 */
@Component
@Order(20)
class CommentSections implements FrontPageSection, CaseStatusSection, CaseStaffSection, CaseJourney {

    static final List<String> STEPS = List.of("received", "synthesis", "published");

    private final CommentingRoundRepository rounds;
    private final DocumentService documents;

    CommentSections(CommentingRoundRepository rounds, DocumentService documents) {
        this.rounds = rounds;
        this.documents = documents;
    }

    @Override
    public List<Section> frontPage(Locale locale) {
        Formats formats = new Formats(locale);
        List<Map<String, Object>> open = new ArrayList<>();
        for (CommentingRound round : rounds.onPortal()) {
            if (round.status() == CommentingRound.Status.OPEN) {
                open.add(Map.of("id", round.id(), "title", round.title(locale), "description",
                        Optional.ofNullable(round.description(locale)).orElse(""), "deadline", formats.weekdayDateTime(round.closesAt())));
            }
        }
        return open.isEmpty() ? List.of() : List.of(new Section("commenting/front-rounds", Map.of("rounds", open)));
    }

    @Override
    public List<Section> statusPage(CaseFile caseFile, String token, Locale locale) {
        return copy(caseFile, locale, true).map(List::of).orElse(List.of());
    }

    @Override
    public List<Section> staffCase(CaseFile caseFile, CaseVisibility visibility, Authentication staff, Locale locale) {
        return copy(caseFile, locale, false).map(List::of).orElse(List.of());
    }

    /** The answer as given, per question in the reader's language (the same view goes into its PDF copy). */
    Optional<Section> copy(CaseFile caseFile, Locale locale, boolean roundLink) {
        if (caseFile.kind() != CaseKind.PLAN_COMMENT) {
            return Optional.empty();
        }
        return rounds.answerOfCase(caseFile.id()).flatMap(answer -> rounds.find(answer.roundId()).map(round -> {
            List<Map<String, String>> items = new ArrayList<>();
            for (CommentingRound.Question question : round.questions()) {
                String value = answer.answers().get(question.key());
                if (value != null) {
                    items.add(Map.of("question", question.text(locale), "answer", value));
                }
            }
            Map<String, Object> model = new HashMap<>();
            model.put("roundId", round.id());
            model.put("roundTitle", round.title(locale));
            model.put("roundLink", roundLink);
            model.put("organisationName", answer.organisationName());
            model.put("contactName", answer.contactName());
            model.put("submittedAt", new Formats(locale).dateTime(answer.submittedAt()));
            model.put("items", items);
            model.put("files", documents.list(caseFile.id()).stream().map(d -> d.fileName()).toList());
            return new Section("commenting/status-answer", model);
        }));
    }

    @Override
    public Optional<Journey> of(CaseFile caseFile, CaseProgress.Progress progress) {
        if (caseFile.kind() != CaseKind.PLAN_COMMENT) {
            return Optional.empty();
        }
        return rounds.answerOfCase(caseFile.id()).flatMap(answer -> rounds.find(answer.roundId())).map(round -> switch (round.status()) {
            case PUBLISHED -> Journey.at(STEPS, "published", true);
            case CLOSED -> Journey.at(STEPS, "synthesis", false);
            default -> Journey.at(STEPS, "received", false);
        });
    }
}

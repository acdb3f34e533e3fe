package fi.silta.commenting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import fi.silta.cases.documents.DocumentService;
import fi.silta.cases.documents.DocumentService.CallDocument;
import fi.silta.web.Formats;
import fi.silta.web.Locales;

/**
 * What the round's pages show, in the reader's language: its documents (the newest version of each,
 * earlier versions listed), info sessions, and the answers and responses per question. Shared by
 * the portal page, the staff page and the summary PDF.
 */
@Component
public class CommentingRoundView {

    /** The slot of the final plan among the round's documents (published with the summary). */
    public static final String FINAL_PLAN = "final-plan";

    /** A document with its earlier versions. */
    public record Material(CallDocument current, List<CallDocument> earlier, String uploaded, boolean finalPlan) {
    }

    /** An info session as people read it. */
    public record Session(InfoSession session, String when) {
    }

    /** One question with what the organisations said and the county's responses. */
    public record QuestionView(CommentingRound.Question question, String text, List<Comment> comments, String themeResponse,
            String scaleSummary) {
    }

    /** An organisation's comment on a question, with the county's response to it when given. */
    public record Comment(CommentAnswer answer, String value, String response) {
    }

    private final DocumentService documents;
    private final CommentingRoundRepository rounds;
    private final MessageSource messages;

    public CommentingRoundView(DocumentService documents, CommentingRoundRepository rounds, MessageSource messages) {
        this.documents = documents;
        this.rounds = rounds;
        this.messages = messages;
    }

    public List<Material> materials(CommentingRound round, Locale locale) {
        Formats formats = new Formats(locale);
        Map<String, List<CallDocument>> bySlot = new LinkedHashMap<>();
        for (CallDocument d : documents.callDocuments(CommentingRound.CALL_KIND, round.id())) {
            bySlot.computeIfAbsent(d.slot(), s -> new ArrayList<>()).add(d);
        }
        List<Material> out = new ArrayList<>();
        bySlot.forEach((slot, versions) -> out.add(new Material(versions.get(0), versions.subList(1, versions.size()),
                formats.dateTime(versions.get(0).createdAt()), FINAL_PLAN.equals(slot))));
        return out;
    }

    public List<Session> sessions(CommentingRound round, Locale locale) {
        Formats formats = new Formats(locale);
        return rounds.infoSessions(round.id()).stream().map(s -> new Session(s, messages.getMessage("commenting.session.when",
                new Object[] {formats.weekdayDateTime(s.startsAt()), s.endsAt().atZoneSameInstant(Locales.HELSINKI).toLocalTime()
                        .format(java.time.format.DateTimeFormatter.ofPattern("H.mm"))}, locale))).toList();
    }

    /** Every question with its comments (answers that left it empty are left out) and responses. */
    public List<QuestionView> questions(CommentingRound round, Locale locale) {
        List<CommentAnswer> answers = rounds.answers(round.id());
        List<CommentResponse> responses = rounds.responses(round.id());
        List<QuestionView> out = new ArrayList<>();
        for (CommentingRound.Question question : round.questions()) {
            List<Comment> comments = new ArrayList<>();
            int sum = 0;
            int count = 0;
            for (CommentAnswer answer : answers) {
                String value = answer.answers().get(question.key());
                if (value == null || value.isBlank()) {
                    continue;
                }
                String response = responses.stream().filter(r -> r.questionKey().equals(question.key()) && r.answerId() == answer.id())
                        .findFirst().map(r -> r.text(locale)).orElse(null);
                comments.add(new Comment(answer, value, response));
                if (question.scale() && value.matches("[1-5]")) {
                    sum += Integer.parseInt(value);
                    count++;
                }
            }
            String theme = responses.stream().filter(r -> r.questionKey().equals(question.key()) && r.answerId() == CommentResponse.THEME)
                    .findFirst().map(r -> r.text(locale)).orElse(null);
            String scale = count == 0 ? null : messages.getMessage("commenting.scale.summary",
                    new Object[] {new Formats(locale).number(new java.math.BigDecimal(sum).divide(new java.math.BigDecimal(count), 2,
                            java.math.RoundingMode.HALF_UP), 2), count}, locale);
            out.add(new QuestionView(question, question.text(locale), comments, theme, scale));
        }
        return out;
    }
}

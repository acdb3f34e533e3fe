package fi.silta.commenting;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import fi.silta.web.Locales;
import fi.silta.calls.Call;

/**
 * A plan commenting round (lausuntokierros): a draft put out for comments until a deadline, each
 * organisation answering once. Instants as offsets, shown in Helsinki time.
 */
public record CommentingRound(long id, String reference, String processInstanceId, String titleFi, String titleSv,
        String descriptionFi, String descriptionSv, List<String> links, List<Question> questions, boolean invitationOnly,
        List<Integer> reminderDays, OffsetDateTime opensAt, OffsetDateTime closesAt, Status status, String contactUserId,
        String decisionMakerUserId, OffsetDateTime closedAt, String closedEarlyReason, OffsetDateTime publishedAt,
        OffsetDateTime createdAt) implements Call {

    /** The kind of call a commenting round is in {@code call_answer} and {@code call_document}. */
    public static final String CALL_KIND = "COMMENTING_ROUND";

    public enum Status {
        /** the coordinator is still setting it up */
        CONFIGURING,
        /** on the portal, taking answers until the deadline */
        OPEN,
        /** the deadline has passed (or the round was closed early): the synthesis is being written */
        CLOSED,
        /** the summary with the county's responses is published */
        PUBLISHED
    }

    /** One question: open text (per chapter or theme) or a scale of 1–5. */
    public record Question(String key, String textFi, String textSv, boolean scale) {
        public String text(Locale locale) {
            return Locales.pick(locale, textFi, textSv);
        }
    }

    public String title(Locale locale) {
        return Locales.pick(locale, titleFi, titleSv);
    }

    /** {@code fi} when the title shown is Finnish on a page in another language (its {@code lang}), else null. */
    public String titleLanguage(Locale locale) {
        return Locales.pickedLanguage(locale, titleSv);
    }

    public String descriptionLanguage(Locale locale) {
        return Locales.pickedLanguage(locale, descriptionSv);
    }

    public String description(Locale locale) {
        return Locales.pick(locale, descriptionFi, descriptionSv);
    }

    public Question question(String key) {
        return questions.stream().filter(q -> q.key().equals(key)).findFirst().orElse(null);
    }

    @Override
    public String callKind() {
        return CALL_KIND;
    }

    @Override
    public long callId() {
        return id;
    }

    @Override
    public boolean published() {
        return status == Status.OPEN;
    }

    @Override
    public boolean oneAnswerPerOrganisation() {
        return true;
    }
}

package fi.silta.negotiations;

import java.time.OffsetDateTime;
import java.util.List;

import fi.silta.cases.documents.Document;

/**
 * An organisation's input to one hyte negotiation as it stands (its newest version): who gave it and when,
 * who last edited it, a text per theme of the cycle (themes left empty are not listed) and its attachments
 * (documents of the negotiation's case).
 */
public record HyteInput(long id, long cycleId, long negotiationId, long organisationId, String organisationName,
        String createdByName, String createdByEmail, OffsetDateTime createdAt, String updatedByName, OffsetDateTime updatedAt,
        int version, List<ThemeText> texts, List<Document> documents) {

    /** The text given on one theme: its number (1 = the cycle's first theme) and the theme as it read then. */
    public record ThemeText(int themeNo, String theme, String text) {
    }

    public HyteInput {
        texts = List.copyOf(texts);
        documents = List.copyOf(documents);
    }

    public boolean edited() {
        return version > 1;
    }
}

package fi.silta.commenting;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import fi.silta.cases.documents.DocumentRenderer;
import fi.silta.web.ExcelCsv;
import fi.silta.web.Formats;

/**
 * A round's answers for reading elsewhere: one row per answer and question as CSV (as Finnish Excel
 * opens it) and XLSX, and a PDF report grouped by question with the county's responses (the staff's
 * report of all answers; once published, the summary mailed to every organisation that answered).
 */
@Component
public class CommentingReports {

    private final CommentingRoundRepository rounds;
    private final CommentingRoundView view;
    private final MessageSource messages;
    private final ITemplateEngine pages;
    private final DocumentRenderer renderer;

    public CommentingReports(CommentingRoundRepository rounds, CommentingRoundView view, MessageSource messages, ITemplateEngine pages,
            DocumentRenderer renderer) {
        this.rounds = rounds;
        this.view = view;
        this.messages = messages;
        this.pages = pages;
        this.renderer = renderer;
    }

    /** The column names in the reader's language. */
    List<String> header(Locale locale) {
        return List.of("case", "organisation", "businessId", "givenBy", "givenAt", "question", "questionText", "answer", "response")
                .stream().map(c -> messages.getMessage("commenting.export." + c, null, locale)).toList();
    }

    /** One row per answer and question it answered (Helsinki time; the response to that comment, else to the theme). */
    List<List<String>> rows(CommentingRound round, Locale locale) {
        Formats formats = new Formats(locale);
        List<List<String>> rows = new ArrayList<>();
        List<CommentingRoundView.QuestionView> questions = view.questions(round, locale);
        for (CommentAnswer answer : rounds.answers(round.id())) {
            for (CommentingRoundView.QuestionView q : questions) {
                q.comments().stream().filter(c -> c.answer().id() == answer.id()).findFirst().ifPresent(c -> rows.add(List.of(
                        answer.caseReference(), answer.organisationName(), businessId(answer), answer.contactName(),
                        formats.dateTime(answer.submittedAt()), q.question().key(), q.text(), c.value(),
                        c.response() != null ? c.response() : q.themeResponse() == null ? "" : q.themeResponse())));
            }
        }
        return rows;
    }

    public byte[] csv(CommentingRound round, Locale locale) {
        return ExcelCsv.write(header(locale), rows(round, locale));
    }

    public byte[] xlsx(CommentingRound round, Locale locale) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(out, "Silta", "1.0");
            Worksheet sheet = workbook.newWorksheet(round.reference());
            List<String> header = header(locale);
            for (int c = 0; c < header.size(); c++) {
                sheet.value(0, c, header.get(c));
                sheet.style(0, c).bold().set();
            }
            int r = 1;
            for (List<String> row : rows(round, locale)) {
                for (int c = 0; c < row.size(); c++) {
                    // text cells only: nothing typed by an organisation becomes a formula
                    sheet.value(r, c, row.get(c));
                }
                r++;
            }
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The answers grouped by question with the responses, as a PDF in the reader's language. */
    public byte[] pdf(CommentingRound round, Locale locale, boolean summary) {
        Context context = new Context(locale);
        context.setVariable("round", round);
        context.setVariable("title", messages.getMessage(summary ? "commenting.report.summaryTitle" : "commenting.report.title", null, locale));
        context.setVariable("roundTitle", round.title(locale));
        context.setVariable("deadline", new Formats(locale).dateTime(round.closesAt()));
        context.setVariable("closedAt", round.closedAt() == null ? "" : new Formats(locale).dateTime(round.closedAt()));
        context.setVariable("answerCount", rounds.answerCount(round.id()));
        context.setVariable("invitedCount", rounds.invitedOrganisations(round.id()).size());
        context.setVariable("questions", view.questions(round, locale));
        return renderer.renderXhtml(pages.process("commenting/report-pdf", context), "commenting/report-pdf");
    }

    private static String businessId(CommentAnswer answer) {
        return answer.organisationBusinessId() == null ? "" : answer.organisationBusinessId();
    }
}

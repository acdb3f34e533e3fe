package fi.silta.grants;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import fi.silta.cases.documents.Document;
import fi.silta.organisations.ReferenceData;
import fi.silta.portal.forms.ComponentType;
import fi.silta.portal.forms.FormComponent;
import fi.silta.portal.forms.FormRegistry;
import fi.silta.web.Formats;

/**
 * A submitted grant application laid out by the portal form's own structure
 * ({@code forms/grant-application.form}): each field with its label from the bundles in the reader's
 * language (falling back to the form's text), in the form's order; money formatted, municipalities
 * by name, the budget as a table with its sum, attachments as the case's documents. Read only: this
 * is what the applicant sent.
 */
@Component
public class GrantApplicationView {

    public static final String FORM = "grant-application";

    /** One field: a text, a list of names, a table, or files. */
    public record Item(String key, String label, String kind, String text, List<String> names, List<String> headers,
            List<List<String>> rows, String total, List<Document> files) {
    }

    private final FormRegistry forms;
    private final MessageSource messages;
    private final ReferenceData referenceData;
    private final GrantApplicationRepository applications;

    public GrantApplicationView(FormRegistry forms, MessageSource messages, ReferenceData referenceData,
            GrantApplicationRepository applications) {
        this.forms = forms;
        this.messages = messages;
        this.referenceData = referenceData;
        this.applications = applications;
    }

    /**
     * @param organisationName the applicant's name as the case shows it
     * @param files            the documents that came with the application (not those of supplements)
     */
    public List<Item> of(GrantApplication application, String organisationName, List<Document> files, Locale locale) {
        Formats formats = new Formats(locale);
        Map<String, Object> values = new java.util.HashMap<>();
        values.put("organisationName", organisationName);
        values.put("activity", application.activity());
        values.put("targetGroup", application.targetGroup());
        values.put("targetGroups", applications.targetGroups(application.id()));
        values.put("goals", application.goals());
        values.put("municipalities", application.municipalities());
        values.put("boardMembers", application.boardMembers());
        values.put("amount", application.amount());
        List<Item> items = new ArrayList<>();
        for (FormComponent c : forms.get(FORM).components()) {
            if (c.key() == null || c.type() == ComponentType.TEXT) {
                continue;
            }
            String label = label(c.key(), c.label(), locale);
            if (c.type() == ComponentType.FILEPICKER) {
                items.add(new Item(c.key(), label, "files", null, List.of(), List.of(), List.of(), null,
                        files.stream().filter(d -> c.key().equals(d.fieldKey())).toList()));
            } else if (c.type() == ComponentType.DYNAMICLIST) {
                List<String> headers = c.components().stream().map(child -> label(c.key() + "." + child.key(), child.label(), locale))
                        .toList();
                List<List<String>> rows = new ArrayList<>();
                BigDecimal sum = BigDecimal.ZERO;
                for (BudgetLine line : applications.budgetLines(application.id())) {
                    List<String> row = new ArrayList<>();
                    for (FormComponent child : c.components()) {
                        Object value = "description".equals(child.key()) ? line.description() : line.amount();
                        row.add(child.isMoney() ? formats.money(value) : value == null ? "" : value.toString());
                    }
                    rows.add(row);
                    sum = line.amount() == null ? sum : sum.add(line.amount());
                }
                items.add(new Item(c.key(), label, "table", null, List.of(), headers, rows,
                        rows.isEmpty() ? null : formats.money(sum), List.of()));
            } else if (c.type() == ComponentType.CHECKLIST && c.valuesKey() == null) {
                // options of the form itself (the target groups): their labels in the reader's language
                Object chosen = values.get(c.key());
                List<String> names = chosen instanceof List<?> list ? list.stream()
                        .map(v -> messages.getMessage("form." + FORM + "." + c.key() + ".option." + v, null, v.toString(), locale))
                        .toList() : List.of();
                items.add(new Item(c.key(), label, "names", null, names, List.of(), List.of(), null, List.of()));
            } else if (c.isSiltaType("municipality")) {
                Object codes = values.get(c.key());
                List<String> names = codes == null ? List.of() : Arrays.stream(codes.toString().split(",")).map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .map(code -> referenceData.municipality(code).map(m -> m.name(locale)).orElse(code)).toList();
                items.add(new Item(c.key(), label, "names", null, names, List.of(), List.of(), null, List.of()));
            } else {
                Object value = values.get(c.key());
                String text = c.isMoney() ? formats.money(value) : value == null ? "" : value.toString();
                items.add(new Item(c.key(), label, "text", text, List.of(), List.of(), List.of(), null, List.of()));
            }
        }
        return items;
    }

    /** The documents that came with the application itself: the case's documents but those of supplements' answers. */
    static List<Document> sentWithApplication(List<Document> all, List<fi.silta.cases.CaseRequests.CaseRequest> asked) {
        java.util.Set<Long> supplementFiles = new java.util.HashSet<>();
        asked.forEach(r -> supplementFiles.addAll(r.documentIds()));
        // the application form's file field; a supplement answer uses the same key, so its files are told apart by
        // its request; decisions, requests for rectification and their files have keys of their own
        return all.stream().filter(d -> APPLICATION_FILES.equals(d.fieldKey()) && !supplementFiles.contains(d.id())).toList();
    }

    /** The file field of the application form ({@code forms/grant-application.form}). */
    static final String APPLICATION_FILES = "attachments";

    private String label(String path, String fallback, Locale locale) {
        return messages.getMessage("form." + FORM + "." + path + ".label", null, fallback == null ? path : fallback, locale);
    }
}

package fi.silta.portal.forms;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import fi.silta.web.InvalidInput;
import fi.silta.web.Locales;
import fi.silta.web.Decimals;

/**
 * Turns a form, its data and its errors into a {@link FormView} for the Thymeleaf fragment
 * {@code portal/form-fields :: fields(${form})}.
 * <p>
 * Texts come from the message bundles, falling back to what the form says:
 * {@code form.<formId>.<path>.label}, {@code .description}, {@code .option.<value>}, where
 * {@code path} is the key, {@code group.key} inside a group with a path, and {@code list.key}
 * inside a dynamic list (no row index); a text component is {@code form.<formId>.<componentId>.text}.
 * <p>
 * Values: on first display the form's defaults under the caller's variables; after a post the
 * submitted text of each editable field as typed (escaped by the template), and the variables for
 * disabled and readonly ones. Conditions ({@code conditional.hide}) are evaluated on the same
 * data; a hidden component is not rendered (there is no script to reveal it: it appears when the
 * form is shown again after a post that makes it visible).
 */
@Component
public class FormRenderer {

    private static final DateTimeFormatter LOCAL_MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    private final MessageSource messages;

    public FormRenderer(MessageSource messages) {
        this.messages = messages;
    }

    /** The form as first shown: defaults under {@code variables}, no errors. */
    public FormView render(FormDefinition form, Map<String, ?> variables, FormOptions options, Locale locale) {
        return render(form, variables, null, null, options, locale);
    }

    /**
     * @param variables what the form shows and its conditions read (e.g. task variables); may be empty
     * @param submitted what was posted (shown back as typed), or null on first display; with
     *                  {@code _add}/{@code _remove} the dynamic list gets its row added or removed
     * @param errors    the errors of {@link FormValidator#validate}, or null
     * @param options   options for fields with a {@code valuesKey}
     */
    public FormView render(FormDefinition form, Map<String, ?> variables, FormSubmission submitted, InvalidInput errors,
            FormOptions options, Locale locale) {
        Run run = new Run(form, submitted, errors, options, locale);
        Map<String, Object> scope = FormData.scope(form, variables, submitted);
        Map<String, Object> values = FormVariables.fromEngine(variables);
        List<FieldView> fields = run.walk(form.components(), "", "", scope, values, true, false, "");
        run.errorsNotShown();
        return new FormView(form.id(), fields, run.summary, msg("form.errorSummary.title", locale),
                form.allComponents().stream().anyMatch(c -> c.type() == ComponentType.FILEPICKER), run.rowButtons);
    }

    private String msg(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    /** An HTML id from an input name: {@code rows[0].amount} → {@code f-rows-0-amount}. */
    static String idOf(String name) {
        return "f-" + name.replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("-+$", "");
    }

    private final class Run {
        final FormDefinition form;
        final FormSubmission submitted;
        final Map<String, InvalidInput.FieldError> errorsByName = new LinkedHashMap<>();
        final Set<String> shownErrors = new HashSet<>();
        final FormOptions options;
        final Locale locale;
        final int highestHeading;
        final List<FormView.ErrorLink> summary = new ArrayList<>();
        boolean rowButtons;

        Run(FormDefinition form, FormSubmission submitted, InvalidInput errors, FormOptions options, Locale locale) {
            this.form = form;
            this.submitted = submitted;
            this.options = options == null ? FormOptions.NONE : options;
            this.locale = locale;
            if (errors != null) {
                errors.errors().forEach(e -> errorsByName.putIfAbsent(e.field(), e));
            }
            this.highestHeading = form.allComponents().stream().filter(c -> c.type() == ComponentType.TEXT)
                    .mapToInt(c -> SafeText.highestHeading(c.text())).min().orElse(7);
        }

        String text(String key, String fallback) {
            return messages.getMessage(key, null, fallback, locale);
        }

        /**
         * @param scope      data the conditions read
         * @param values     data the fields show when nothing was posted for them
         * @param useDefaults whether a field missing from {@code values} shows its defaultValue
         * @param rowSuffix  added to labels in the error summary (" (rivi 2)")
         */
        List<FieldView> walk(List<FormComponent> components, String namePrefix, String msgPrefix, Map<String, Object> scope,
                Map<String, ?> values, boolean useDefaults, boolean disabled, String rowSuffix) {
            List<FieldView> views = new ArrayList<>();
            for (FormComponent c : components) {
                if (c.hide().test(scope)) {
                    continue;
                }
                switch (c.type()) {
                    case BUTTON, SPACER -> {
                    }
                    case SEPARATOR -> views.add(new FieldView("separator"));
                    case TEXT -> {
                        FieldView view = new FieldView("text");
                        String key = "form." + form.id() + "." + c.id() + ".text";
                        view.html = SafeText.toHtml(text(key, c.text()), highestHeading);
                        views.add(view);
                    }
                    case GROUP -> views.add(group(c, namePrefix, msgPrefix, scope, values, useDefaults, disabled, rowSuffix));
                    case DYNAMICLIST -> views.add(list(c, namePrefix, msgPrefix, scope, values, disabled || c.disabled()));
                    default -> views.add(field(c, namePrefix, msgPrefix, scope, values, useDefaults, disabled, rowSuffix));
                }
            }
            return views;
        }

        private FieldView group(FormComponent c, String namePrefix, String msgPrefix, Map<String, Object> scope,
                Map<String, ?> values, boolean useDefaults, boolean disabled, String rowSuffix) {
            FieldView view = new FieldView("group");
            String labelKey = "form." + form.id() + "." + msgPrefix + (c.key() != null ? c.key() : c.id()) + ".label";
            view.label = text(labelKey, c.label());
            view.id = idOf(namePrefix + (c.key() != null ? c.key() : String.valueOf(c.id())));
            if (c.key() == null) {
                view.children.addAll(walk(c.components(), namePrefix, msgPrefix, scope, values, useDefaults, disabled || c.disabled(), rowSuffix));
            } else {
                Object inner = values.get(c.key());
                Map<String, ?> innerValues = inner instanceof Map<?, ?> map ? stringKeys(map) : Map.of();
                view.children.addAll(walk(c.components(), namePrefix + c.key() + ".", msgPrefix + c.key() + ".",
                        FormData.inner(scope, scope.get(c.key())), innerValues, useDefaults, disabled || c.disabled(), rowSuffix));
            }
            return view;
        }

        private FieldView list(FormComponent c, String namePrefix, String msgPrefix, Map<String, Object> scope,
                Map<String, ?> values, boolean disabled) {
            FieldView view = new FieldView("list");
            String name = namePrefix + c.key();
            String msgName = msgPrefix + c.key();
            view.name = name;
            view.id = idOf(name);
            view.label = text("form." + form.id() + "." + msgName + ".label", c.label());
            view.description = text("form." + form.id() + "." + msgName + ".description", c.description());
            view.descriptionId = view.id + "-desc";
            boolean editable = c.allowAddRemove() && !disabled;
            rowButtons |= editable;

            record Row(int index, Map<String, ?> values, boolean posted, boolean defaults) {
            }
            List<Row> rows = new ArrayList<>();
            boolean postedHere = submitted != null && !disabled;
            if (postedHere) {
                // a posted row keeps what its disabled fields showed (e.g. a report's budget line and its amount)
                List<?> shown = values.get(c.key()) instanceof List<?> list ? list : List.of();
                SortedSet<Integer> indices = new TreeSet<>(FormData.rowIndices(submitted, name));
                submitted.removeRow().ifPresent(remove -> indices.removeIf(i -> remove.equals(name + "[" + i + "]")));
                boolean adding = submitted.addRow().filter(name::equals).isPresent();
                boolean rowAction = submitted.isRowAction();
                for (int index : indices) {
                    // a row action keeps even blank rows (the person is still arranging them); a real post drops them
                    if (rowAction || !FormData.blankRow(submitted, name + "[" + index + "].")) {
                        rows.add(new Row(index, index < shown.size() && shown.get(index) instanceof Map<?, ?> map ? stringKeys(map)
                                : Map.of(), true, false));
                    }
                }
                int next = indices.isEmpty() ? 0 : indices.last() + 1;
                // no spare blank row after a post or in a reopened draft: "Add a row" adds one (also without JavaScript)
                if (adding || rows.isEmpty()) {
                    rows.add(new Row(next, Map.of(), false, false));
                }
            } else {
                List<?> data = values.get(c.key()) instanceof List<?> list ? list : List.of();
                for (Object item : data) {
                    rows.add(new Row(rows.size(), item instanceof Map<?, ?> map ? stringKeys(map) : Map.of(), false, false));
                }
                if (data.isEmpty()) {
                    for (int i = 0; i < Math.max(1, c.defaultRepetitions()); i++) {
                        rows.add(new Row(i, Map.of(), false, true));
                    }
                }
            }
            int position = 0;
            for (Row row : rows) {
                position++;
                String rowPrefix = name + "[" + row.index() + "].";
                Map<String, Object> rowData = row.posted() ? FormData.fromSubmission(c.components(), rowPrefix, submitted)
                        : new LinkedHashMap<>(row.values());
                String legend = msg("form.list.row", locale, position);
                List<FieldView> fields = walk(c.components(), rowPrefix, msgName + ".", FormData.inner(scope, rowData),
                        row.values(), row.defaults(), disabled, " (" + legend.toLowerCase(locale) + ")");
                view.rows.add(new FieldView.RowView(legend, fields, editable ? name + "[" + row.index() + "]" : null,
                        msg("form.list.remove", locale, position)));
            }
            if (editable) {
                view.addValue = name;
                view.addLabel = msg("form.list.add", locale);
            }
            return view;
        }

        private FieldView field(FormComponent c, String namePrefix, String msgPrefix, Map<String, Object> scope,
                Map<String, ?> values, boolean useDefaults, boolean disabled, String rowSuffix) {
            String name = namePrefix + c.key();
            String msgKey = "form." + form.id() + "." + msgPrefix + c.key();
            FieldView view = new FieldView(kind(c));
            view.name = name;
            view.id = idOf(name);
            view.label = text(msgKey + ".label", c.label() != null ? c.label() : c.key());
            view.description = text(msgKey + ".description", c.description());
            view.descriptionId = view.id + "-desc";
            view.hintId = view.id + "-hint";
            view.errorId = view.id + "-error";
            view.errorPrefix = msg("form.errorPrefix", locale);
            view.disabled = disabled || c.disabled();
            view.readonly = !view.disabled && c.readonly().test(scope);
            boolean editable = c.editable() && !view.disabled && !view.readonly;
            view.required = c.required() && editable;
            view.nativeRequired = view.required && rowSuffix.isEmpty();
            view.requiredText = msg("form.requiredMarker", locale);
            view.hint = hint(c);
            attributes(c, view);

            boolean posted = submitted != null && editable;
            Object value = values.containsKey(c.key()) ? values.get(c.key()) : useDefaults ? c.defaultValue() : null;
            switch (c.type()) {
                case CHECKBOX -> view.checked = posted ? FormData.isChecked(submitted.first(name))
                        : Boolean.TRUE.equals(value) || "true".equals(String.valueOf(value));
                case SELECT, RADIO, CHECKLIST -> {
                    Collection<String> chosen = posted ? submitted.all(name) : chosen(value);
                    List<FormOption> choices = options.of(form, c);
                    for (int i = 0; i < choices.size(); i++) {
                        FormOption option = choices.get(i);
                        String label = c.valuesKey() == null ? text(msgKey + ".option." + option.value(), option.label()) : option.label();
                        view.options.add(new FieldView.OptionView(view.id + "-" + i, option.value(), label, chosen.contains(option.value())));
                    }
                    view.chooseText = msg("form.select.choose", locale);
                }
                case FILEPICKER -> {
                }
                default -> view.value = posted ? submitted.first(name) : shown(c, value);
            }

            InvalidInput.FieldError error = errorsByName.get(name);
            if (error != null) {
                shownErrors.add(name);
                view.error = msg(error.messageKey(), locale, error.args(locale));
                summary.add(new FormView.ErrorLink("#" + view.getTargetId(), view.label + rowSuffix + ": " + view.error));
            }
            return view;
        }

        private String kind(FormComponent c) {
            return switch (c.type()) {
                case TEXTAREA -> "textarea";
                case SELECT -> "select";
                case RADIO -> "radio";
                case CHECKBOX -> "checkbox";
                case CHECKLIST -> "checklist";
                case FILEPICKER -> "file";
                default -> "input";
            };
        }

        private void attributes(FormComponent c, FieldView view) {
            String dateSubtype = c.dateSubtype();
            if (dateSubtype != null) {
                view.inputType = switch (dateSubtype) {
                    case "time" -> "time";
                    case "datetime" -> "datetime-local";
                    default -> "date";
                };
            } else if (c.isSiltaType("email") || "email".equals(c.validate().validationType())) {
                view.inputType = "email";
                view.autocomplete = "email";
            } else if ("phone".equals(c.validate().validationType())) {
                view.inputType = "tel";
                view.autocomplete = "tel";
            } else if (c.isMoney() || c.type() == ComponentType.NUMBER) {
                // text with a numeric keyboard: type=number mangles commas and is read badly by screen readers
                view.inputMode = c.decimalDigits() != null && c.decimalDigits() == 0 && !c.isMoney() ? "numeric" : "decimal";
            }
            if (c.type() == ComponentType.FILEPICKER) {
                view.accept = c.accept() == null || c.accept().isBlank() ? null : c.accept();
                view.multiple = c.multiple();
            }
        }

        private String hint(FormComponent c) {
            if (c.isMoney()) {
                return msg("form.money.hint", locale);
            }
            if (c.isSiltaType("businessId")) {
                return msg("form.businessId.hint", locale);
            }
            if (c.dateSubtype() != null) {
                return msg("form." + c.dateSubtype() + ".hint", locale);
            }
            if (c.type() == ComponentType.FILEPICKER) {
                List<String> hints = new ArrayList<>();
                if (c.accept() != null && !c.accept().isBlank()) {
                    hints.add(msg("form.file.accept", locale, c.accept()));
                }
                String max = c.properties().get(FormComponent.MAX_FILES);
                if (c.multiple() && max != null) {
                    hints.add(msg("form.files.max", locale, Integer.valueOf(max)));
                }
                return hints.isEmpty() ? null : String.join(" ", hints);
            }
            return null;
        }

        /** A value from the variables as the field's input shows it (browsers' date inputs want ISO). */
        private String shown(FormComponent c, Object value) {
            if (value == null) {
                return null;
            }
            boolean commas = !"en".equals(locale.getLanguage());
            if (c.isMoney() || c.type() == ComponentType.NUMBER) {
                BigDecimal number = value instanceof BigDecimal d ? d : value instanceof Number n ? new BigDecimal(n.toString()) : null;
                if (number == null) {
                    Decimals.Result parsed = Decimals.parse(String.valueOf(value), null, true);
                    number = parsed.ok() ? parsed.value() : null;
                }
                if (number == null) {
                    return String.valueOf(value);
                }
                String plain = c.isMoney() ? number.setScale(2, RoundingMode.HALF_EVEN).toPlainString() : number.toPlainString();
                return commas ? plain.replace('.', ',') : plain;
            }
            String subtype = c.dateSubtype();
            if (subtype != null) {
                return shownTime(subtype, value);
            }
            return String.valueOf(value);
        }

        private String shownTime(String subtype, Object value) {
            OffsetDateTime instant = null;
            if (value instanceof OffsetDateTime o) {
                instant = o;
            } else if (value instanceof ZonedDateTime z) {
                instant = z.toOffsetDateTime();
            } else if (value instanceof Instant i) {
                instant = i.atOffset(java.time.ZoneOffset.UTC);
            } else if (value instanceof Date d) {
                instant = d.toInstant().atOffset(java.time.ZoneOffset.UTC);
            } else if (value instanceof String s && s.contains("T")) {
                try {
                    instant = OffsetDateTime.parse(s);
                } catch (DateTimeParseException e) {
                    return s;
                }
            }
            if (instant != null) {
                LocalDateTime local = instant.atZoneSameInstant(Locales.HELSINKI).toLocalDateTime();
                return switch (subtype) {
                    case "date" -> local.toLocalDate().toString();
                    case "time" -> local.toLocalTime().truncatedTo(ChronoUnit.MINUTES).toString();
                    default -> local.format(LOCAL_MINUTES);
                };
            }
            if (value instanceof LocalDate || value instanceof LocalTime) {
                return value instanceof LocalTime t ? t.truncatedTo(ChronoUnit.MINUTES).toString() : value.toString();
            }
            if (value instanceof LocalDateTime l) {
                return l.format(LOCAL_MINUTES);
            }
            return String.valueOf(value);
        }

        private Collection<String> chosen(Object value) {
            if (value == null) {
                return List.of();
            }
            if (value instanceof Collection<?> collection) {
                return collection.stream().map(String::valueOf).toList();
            }
            return List.of(String.valueOf(value));
        }

        /** Errors for inputs not on the page (hidden meanwhile, or unknown): in the summary, without a link. */
        void errorsNotShown() {
            errorsByName.forEach((name, error) -> {
                if (!shownErrors.contains(name)) {
                    summary.add(new FormView.ErrorLink(null, msg(error.messageKey(), locale, error.args(locale))));
                }
            });
        }
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }
}

package fi.silta.portal.forms;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

import fi.silta.organisations.BusinessId;
import fi.silta.web.EmailAddresses;
import fi.silta.web.InvalidInput;
import fi.silta.web.Decimals;
import fi.silta.web.TextRules;

/**
 * Validates a posted {@link FormSubmission} against a {@link FormDefinition} and returns typed
 * values, or throws {@link InvalidInput} with every field's error at once (field = input name,
 * message keys {@code form.*}). Hidden (by {@code conditional.hide}), disabled and readonly fields
 * are not taken from the request; unknown parameters are ignored; text is kept as typed, only
 * stripped of surrounding whitespace and with CRLF as LF.
 */
@Component
public class FormValidator {

    /** Marks a field whose error has been recorded. */
    private static final Object INVALID = new Object();
    static final Pattern PHONE = Pattern.compile("^\\+?[0-9][0-9 ()\\-]{4,}$");

    /** Validates a submission of a form with no caller variables and no supplied options. */
    public FormResult validate(FormDefinition form, FormSubmission submission) {
        return validate(form, submission, Map.of(), FormOptions.NONE);
    }

    /**
     * @param variables what the form was shown with (e.g. the task's variables): read by the
     *                  conditions, never returned
     * @param options   options for fields with a {@code valuesKey}
     * @throws InvalidInput with all field errors
     */
    public FormResult validate(FormDefinition form, FormSubmission submission, Map<String, ?> variables, FormOptions options) {
        Run run = new Run(form, submission, options);
        Map<String, Object> values = new LinkedHashMap<>();
        run.walk(form.components(), "", FormData.scope(form, variables, submission), values);
        if (!run.errors.isEmpty()) {
            throw new InvalidInput(run.errors);
        }
        return new FormResult(values, run.files);
    }

    private static final class Run {
        final FormDefinition form;
        final FormSubmission submission;
        final FormOptions options;
        final List<InvalidInput.FieldError> errors = new ArrayList<>();
        final Map<String, List<MultipartFile>> files = new LinkedHashMap<>();

        Run(FormDefinition form, FormSubmission submission, FormOptions options) {
            this.form = form;
            this.submission = submission;
            this.options = options;
        }

        void walk(List<FormComponent> components, String prefix, Map<String, Object> scope, Map<String, Object> out) {
            for (FormComponent c : components) {
                if (c.hide().test(scope)) {
                    continue;
                }
                switch (c.type()) {
                    case TEXT, BUTTON, SEPARATOR, SPACER -> {
                    }
                    case GROUP -> {
                        if (c.key() == null) {
                            walk(c.components(), prefix, scope, out);
                        } else {
                            Map<String, Object> group = new LinkedHashMap<>();
                            walk(c.components(), prefix + c.key() + ".", FormData.inner(scope, scope.get(c.key())), group);
                            out.put(c.key(), group);
                        }
                    }
                    case DYNAMICLIST -> {
                        if (!c.disabled()) {
                            out.put(c.key(), rows(c, prefix + c.key(), scope));
                        }
                    }
                    default -> {
                        if (c.editable() && !c.readonly().test(scope)) {
                            Object value = field(c, prefix + c.key());
                            if (value != INVALID && c.type() != ComponentType.FILEPICKER) {
                                out.put(c.key(), value);
                            }
                        }
                    }
                }
            }
        }

        private List<Map<String, Object>> rows(FormComponent list, String name, Map<String, Object> scope) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int index : FormData.rowIndices(submission, name)) {
                String rowPrefix = name + "[" + index + "].";
                if (FormData.blankRow(submission, rowPrefix)) {
                    continue;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                Map<String, Object> rowScope = FormData.inner(scope, FormData.fromSubmission(list.components(), rowPrefix, submission));
                walk(list.components(), rowPrefix, rowScope, row);
                rows.add(row);
            }
            return rows;
        }

        /** The field's value (may be null), or {@link #INVALID} after recording its error. */
        private Object field(FormComponent c, String name) {
            return switch (c.type()) {
                case CHECKBOX -> checkbox(c, name);
                case CHECKLIST -> checklist(c, name);
                case FILEPICKER -> filepicker(c, name);
                default -> single(c, name);
            };
        }

        private Object error(String name, String key, Object... args) {
            errors.add(new InvalidInput.FieldError(name, key, args));
            return INVALID;
        }

        private Object checkbox(FormComponent c, String name) {
            boolean checked = FormData.isChecked(submission.first(name));
            if (c.required() && !checked) {
                return error(name, "form.required");
            }
            return checked;
        }

        private Object checklist(FormComponent c, String name) {
            List<FormOption> choices = options.of(form, c);
            List<String> chosen = submission.all(name).stream().filter(v -> v != null && !v.isBlank()).map(String::strip).distinct().toList();
            for (String value : chosen) {
                if (choices.stream().noneMatch(o -> o.value().equals(value))) {
                    return error(name, c.isSiltaType("municipality") ? "form.municipality" : "form.option");
                }
            }
            if (c.required() && chosen.isEmpty()) {
                return error(name, "form.required");
            }
            return choices.stream().map(FormOption::value).filter(chosen::contains).toList();
        }

        private Object filepicker(FormComponent c, String name) {
            List<MultipartFile> chosen = submission.chosenFiles(name);
            if (c.required() && chosen.isEmpty()) {
                return error(name, "form.required");
            }
            String maxFiles = c.properties().get(FormComponent.MAX_FILES);
            int max = maxFiles != null ? Integer.parseInt(maxFiles) : c.multiple() ? Integer.MAX_VALUE : 1;
            if (!c.multiple()) {
                max = 1;
            }
            if (chosen.size() > max) {
                return error(name, "form.files.tooMany", max);
            }
            if (!chosen.isEmpty()) {
                files.put(name, chosen);
            }
            return null;
        }

        private Object single(FormComponent c, String name) {
            String raw = submission.first(name);
            String text = raw == null ? "" : raw.replace("\r\n", "\n").replace('\r', '\n').strip();
            String unsafe = TextRules.problem(text, c.type() == ComponentType.TEXTAREA);
            if (unsafe != null) {
                return error(name, unsafe);
            }
            if (text.isEmpty()) {
                return c.required() ? error(name, "form.required") : null;
            }
            Validation v = c.validate();
            int length = text.codePointCount(0, text.length());
            if (v.minLength() != null && length < v.minLength()) {
                return error(name, "form.minLength", v.minLength());
            }
            if (v.maxLength() != null && length > v.maxLength()) {
                return error(name, "form.maxLength", v.maxLength());
            }
            if (v.pattern() != null && !v.pattern().matcher(text).find()) {
                return error(name, "form.pattern");
            }
            if ("email".equals(v.validationType()) && EmailAddresses.normalise(text) == null) {
                return emailError(name, text);
            }
            if ("phone".equals(v.validationType()) && !PHONE.matcher(text).matches()) {
                return error(name, "form.phone");
            }
            if (c.isMoney()) {
                return money(c, name, text);
            }
            if (c.dateSubtype() != null) {
                return dateTime(c, name, text);
            }
            return switch (c.type()) {
                case NUMBER -> number(c, name, text);
                case SELECT, RADIO -> choice(c, name, text);
                default -> typedText(c, name, text);
            };
        }

        /** An address that is none, or one whose part before @ is not ASCII (its own message). */
        private Object emailError(String name, String text) {
            return error(name, EmailAddresses.LOCAL_PART.equals(EmailAddresses.problem(text)) ? EmailAddresses.LOCAL_PART : "form.email");
        }

        private Object typedText(FormComponent c, String name, String text) {
            String type = c.siltaType();
            if (type == null) {
                return text;
            }
            switch (type) {
                case "businessId":
                    return BusinessId.isValid(text) ? BusinessId.normalise(text) : error(name, "form.businessId");
                case "email":
                    return EmailAddresses.normalise(text) != null ? EmailAddresses.normalise(text) : emailError(name, text);
                case "municipality":
                    // a municipality typed by name or code: the code of the supplied option it names
                    return options.of(form, c).stream()
                            .filter(o -> o.value().equalsIgnoreCase(text) || (o.label() != null && o.label().strip().equalsIgnoreCase(text)))
                            .map(o -> (Object) o.value()).findFirst().orElseGet(() -> error(name, "form.municipality"));
                default:
                    return text;
            }
        }

        private Object choice(FormComponent c, String name, String text) {
            boolean known = options.of(form, c).stream().anyMatch(o -> o.value().equals(text));
            if (!known) {
                return error(name, c.isSiltaType("municipality") ? "form.municipality" : "form.option");
            }
            return text;
        }

        private Object number(FormComponent c, String name, String text) {
            Integer digits = c.decimalDigits();
            Decimals.Result result = Decimals.parse(text, digits, true);
            if (!result.ok()) {
                return switch (result.problem()) {
                    case DECIMALS -> digits == 0 ? error(name, "form.number.integer") : error(name, "form.number.decimals", digits);
                    case AMBIGUOUS -> error(name, "form.number.ambiguous", text);
                    default -> error(name, "form.number");
                };
            }
            BigDecimal value = result.value();
            Validation v = c.validate();
            if (v.min() != null && value.compareTo(v.min()) < 0) {
                return error(name, "form.min", v.min());
            }
            if (v.max() != null && value.compareTo(v.max()) > 0) {
                return error(name, "form.max", v.max());
            }
            return digits != null && digits == 0 ? (Object) value.longValueExact() : value;
        }

        private Object money(FormComponent c, String name, String text) {
            Decimals.Result result = Decimals.money(text, "true".equals(c.properties().get(FormComponent.ALLOW_NEGATIVE)));
            if (!result.ok()) {
                return switch (result.problem()) {
                    case DECIMALS -> error(name, "form.money.decimals");
                    case AMBIGUOUS -> error(name, "form.money.ambiguous", text);
                    case NEGATIVE -> error(name, "form.money.negative");
                    default -> error(name, "form.money");
                };
            }
            BigDecimal value = result.value();
            Validation v = c.validate();
            if (v.min() != null && value.compareTo(v.min()) < 0) {
                return error(name, "form.money.min", v.min());
            }
            if (v.max() != null && value.compareTo(v.max()) > 0) {
                return error(name, "form.money.max", v.max());
            }
            return value;
        }

        private Object dateTime(FormComponent c, String name, String text) {
            String subtype = c.dateSubtype();
            HelsinkiTime.Result result = switch (subtype) {
                case "time" -> HelsinkiTime.time(text);
                case "datetime" -> HelsinkiTime.dateTime(text);
                default -> HelsinkiTime.date(text);
            };
            if (!result.ok()) {
                return switch (result.problem()) {
                    case NONEXISTENT -> error(name, "form.datetime.nonexistent", text);
                    case AMBIGUOUS -> error(name, "form.datetime.ambiguous", text);
                    default -> error(name, "form." + subtype.toLowerCase(Locale.ROOT));
                };
            }
            return result.value();
        }
    }
}

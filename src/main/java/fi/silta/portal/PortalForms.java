package fi.silta.portal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

import fi.silta.cases.documents.DocumentRules;
import fi.silta.cases.documents.DocumentsProperties;
import fi.silta.cases.documents.Upload;
import fi.silta.portal.forms.FormDefinition;
import fi.silta.portal.forms.FormOptions;
import fi.silta.portal.forms.FormResult;
import fi.silta.portal.forms.FormSubmission;
import fi.silta.portal.forms.FormValidator;
import fi.silta.web.InvalidInput;

/**
 * One check of a portal submission: the form's own rules and the uploads' (size, type,
 * content), so that every problem is shown at once and nothing is stored while any remains.
 */
@Component
public class PortalForms {

    /** A checked submission: {@code errors} null when it may be stored. */
    public record Checked(FormResult result, List<Upload> uploads, InvalidInput errors) {
        Checked withErrors(InvalidInput more) {
            return new Checked(result, uploads, merge(errors, more));
        }
    }

    private final FormValidator validator;
    private final DocumentRules documentRules;

    public PortalForms(FormValidator validator, DocumentsProperties documents) {
        this.validator = validator;
        this.documentRules = new DocumentRules(documents);
    }

    public Checked check(FormDefinition form, FormSubmission submission, Map<String, ?> variables, FormOptions options) {
        FormResult result = null;
        InvalidInput errors = null;
        try {
            result = validator.validate(form, submission, variables, options);
        } catch (InvalidInput invalid) {
            errors = invalid;
        }
        List<Upload> uploads = uploads(submission);
        try {
            documentRules.check(uploads);
        } catch (InvalidInput invalid) {
            errors = merge(errors, invalid);
        }
        return new Checked(result, List.copyOf(uploads), errors);
    }

    /** The files chosen in a submission, unchecked. */
    public static List<Upload> uploads(FormSubmission submission) {
        List<Upload> uploads = new ArrayList<>();
        submission.files().forEach((name, files) -> submission.chosenFiles(name)
                .forEach((MultipartFile file) -> uploads.add(Upload.of(name, file))));
        return uploads;
    }

    static InvalidInput merge(InvalidInput first, InvalidInput second) {
        if (first == null) {
            return second;
        }
        List<InvalidInput.FieldError> all = new ArrayList<>(first.errors());
        all.addAll(second.errors());
        return new InvalidInput(all);
    }
}

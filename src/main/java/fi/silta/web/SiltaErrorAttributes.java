package fi.silta.web;

import java.util.Map;
import java.util.Set;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;

/**
 * Spring Boot's error attributes, and whether the failed request sent something ({@code submitted}:
 * a POST, PUT, PATCH or DELETE), so that Silta's error page can say that what was sent was not
 * stored: every submission runs in one transaction, which an error rolls back. When the failure came
 * after the commit ({@link SubmissionCommits}), the page says it was stored ({@code storedAs}: the
 * case's reference, empty for a draft) or, when the commit broke off, that it may have been ({@code inDoubt}).
 */
@Component
public class SiltaErrorAttributes extends DefaultErrorAttributes {

    private static final Set<String> SENDING = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest webRequest, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(webRequest, options);
        boolean submitted = webRequest instanceof ServletWebRequest servlet && SENDING.contains(servlet.getRequest().getMethod());
        SubmissionCommits.State state = webRequest instanceof ServletWebRequest servlet ? SubmissionCommits.state(servlet.getRequest())
                : SubmissionCommits.State.NONE;
        // what was sent: committed before the failure (its case), perhaps committed, or rolled back
        attributes.put("submitted", submitted && state == SubmissionCommits.State.NOT_STORED);
        attributes.put("inDoubt", state == SubmissionCommits.State.IN_DOUBT);
        attributes.put("storedAs", state == SubmissionCommits.State.STORED
                ? webRequest.getAttribute(SubmissionCommits.STORED, RequestAttributes.SCOPE_REQUEST) : null);
        Object status = webRequest.getAttribute("jakarta.servlet.error.status_code", RequestAttributes.SCOPE_REQUEST);
        if (status != null && !attributes.containsKey("status")) {
            attributes.put("status", status);
        }
        // /error opened directly: Spring Boot's "999" (no error) while the answer is 500; the page says what the answer says
        if (status == null && Integer.valueOf(999).equals(attributes.get("status"))) {
            attributes.put("status", 500);
        }
        return attributes;
    }
}

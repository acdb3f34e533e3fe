package fi.silta.portal;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** No such case for this reader: a wrong or changed token, or a case that is not theirs. One plain page, 404. */
public class CaseNotFound extends RuntimeException {

    public CaseNotFound() {
        super("case not found", null, false, false);
    }

    @ControllerAdvice
    static class Handler {
        @ExceptionHandler(CaseNotFound.class)
        ModelAndView notFound() {
            return new ModelAndView("portal/case-not-found", HttpStatus.NOT_FOUND);
        }
    }
}

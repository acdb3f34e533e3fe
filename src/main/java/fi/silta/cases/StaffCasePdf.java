package fi.silta.cases;

import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

import fi.silta.cases.documents.DocumentRenderer;
import fi.silta.web.Formats;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The staff case page as a PDF: the page's own content (template {@code staff/case-content :: content})
 * in a print layout ({@code staff/case-pdf.html}, XHTML, the documents' font and page), rendered by
 * {@link DocumentRenderer}. One content for the screen, the printer and the file.
 */
@Component
public class StaffCasePdf {

    private final ITemplateEngine pages;
    private final DocumentRenderer renderer;
    private final JakartaServletWebApplication application;

    public StaffCasePdf(ITemplateEngine pages, DocumentRenderer renderer, ServletContext servletContext) {
        this.pages = pages;
        this.renderer = renderer;
        this.application = JakartaServletWebApplication.buildApplication(servletContext);
    }

    public byte[] render(Map<String, Object> model, Locale locale, HttpServletRequest request, HttpServletResponse response) {
        WebContext context = new WebContext(application.buildExchange(request, response), locale, model);
        context.setVariable("formats", new Formats(locale));
        context.setVariable("pdf", true);
        String xhtml = pages.process("staff/case-pdf", context);
        return renderer.renderXhtml(xhtml, "staff/case-pdf");
    }
}

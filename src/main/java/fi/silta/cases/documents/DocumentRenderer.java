package fi.silta.cases.documents;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder.PdfAConformance;

import fi.silta.web.Formats;
import fi.silta.web.ClasspathTemplates;

/**
 * The one way Silta makes a PDF (decisions, memos, summaries, copies of submissions): a Thymeleaf
 * XHTML template {@code templates/documents/NAME.html}, its words from the fi/sv/en message bundles,
 * rendered with openhtmltopdf into a tagged (PDF/UA) and archivable (PDF/A-2a) document. The fonts
 * come from the jar ({@code fonts/DejaVuSans*.ttf}) and are embedded, so å, ä, ö and € render on
 * any server and in any reader.
 */
@Component
public class DocumentRenderer {

    /** The family every document template uses (layout.html); no other font is available to them. */
    public static final String FONT_FAMILY = "DejaVu Sans";
    private static final PdfAConformance CONFORMANCE = PdfAConformance.PDFA_2_A;
    private final SpringTemplateEngine engine;
    private final byte[] colorProfile = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

    public DocumentRenderer(MessageSource messages) {
        PdfLogging.install();
        engine = ClasspathTemplates.engine("templates/documents/", ".html", TemplateMode.XML, messages);
    }

    /** The PDF of a template in the reader's language; the model's values are escaped as text. */
    public byte[] render(String template, Locale locale, Map<String, Object> model) {
        Context context = new Context(locale, model);
        context.setVariable("formats", new Formats(locale.getLanguage()));
        context.setVariable("language", locale.getLanguage());
        return pdf(engine.process(template, context), template);
    }

    /**
     * A PDF of a page rendered elsewhere (the staff case page in its print form): well-formed
     * XHTML whose styles use only {@link #FONT_FAMILY}.
     */
    public byte[] renderXhtml(String xhtml, String name) {
        return pdf(xhtml, name);
    }

    private byte[] pdf(String xhtml, String template) {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.usePdfUaAccessibility(true);
            builder.usePdfAConformance(CONFORMANCE);
            builder.useColorProfile(colorProfile);
            builder.useFont(() -> font("DejaVuSans.ttf"), FONT_FAMILY, 400, FontStyle.NORMAL, true);
            builder.useFont(() -> font("DejaVuSans-Bold.ttf"), FONT_FAMILY, 700, FontStyle.NORMAL, true);
            builder.withProducer("Silta");
            builder.withHtmlContent(xhtml, null);
            builder.toStream(pdf);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("document " + template + " could not be rendered", e);
        }
        return pdf.toByteArray();
    }

    private static InputStream font(String file) {
        InputStream in = DocumentRenderer.class.getResourceAsStream("/fonts/" + file);
        if (in == null) {
            throw new IllegalStateException("font " + file + " is missing from the jar");
        }
        return in;
    }
}

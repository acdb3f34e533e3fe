package fi.silta.cases.documents;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
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
 *
 * <p>The fonts are parsed once, not once per document: parsing them was most of the memory a
 * receipt's PDF took (the outbox renders one per application at the deadline rush). A parsed
 * font is read lazily as a document uses it, so each render borrows a set of its own from a
 * pool and gives it back when its document is written; a set a failed render held is dropped,
 * not reused, and at most {@value #POOLED} sets are kept. PDFBox closes a font after embedding
 * its subset; a font parsed from memory ignores that (fontbox 3.0), which this reuse relies on:
 * {@code DocumentRendererTest} renders documents with other letters one after another on one set.
 */
@Component
public class DocumentRenderer {

    /** The family every document template uses (layout.html); no other font is available to them. */
    public static final String FONT_FAMILY = "DejaVu Sans";
    private static final PdfAConformance CONFORMANCE = PdfAConformance.PDFA_2_A;
    private final SpringTemplateEngine engine;
    private final byte[] colorProfile = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    private final byte[] regular = font("DejaVuSans.ttf");
    private final byte[] bold = font("DejaVuSans-Bold.ttf");
    private final Queue<Fonts> fonts = new ConcurrentLinkedQueue<>();
    /** Sets kept for reuse; a render beyond them parses its own and lets it go. */
    static final int POOLED = 4;

    /** The two faces of {@link #FONT_FAMILY}, parsed; used by one render at a time. */
    private record Fonts(TrueTypeFont regular, TrueTypeFont bold) {
    }

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
        Fonts borrowed = fonts.poll();
        // the renderer saves and closes the document (and, when the page cannot be parsed, leaves it
        // open: closed below either way; closing twice does nothing); the fonts stay open for the next one
        PDDocument document = new PDDocument();
        try {
            Fonts faces = borrowed != null ? borrowed : new Fonts(parse(regular), parse(bold));
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.usePdfUaAccessibility(true);
            builder.usePdfAConformance(CONFORMANCE);
            builder.useColorProfile(colorProfile);
            builder.usePDDocument(document);
            builder.useFont(embedded(document, faces.regular()), FONT_FAMILY, 400, FontStyle.NORMAL, true);
            builder.useFont(embedded(document, faces.bold()), FONT_FAMILY, 700, FontStyle.NORMAL, true);
            builder.withProducer("Silta");
            builder.withHtmlContent(xhtml, null);
            builder.toStream(pdf);
            builder.run();
            if (fonts.size() < POOLED) {
                fonts.offer(faces);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("document " + template + " could not be rendered", e);
        } finally {
            closeQuietly(document);
        }
        return pdf.toByteArray();
    }

    /** The face in the document when the document first uses it, embedded as the subset of the glyphs it uses (PDF/A). */
    private static PDFontSupplier embedded(PDDocument document, TrueTypeFont face) {
        return new PDFontSupplier(null) {
            private PDFont font;

            @Override
            public PDFont supply() {
                if (font == null) {
                    try {
                        font = PDType0Font.load(document, face, true);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return font;
            }
        };
    }

    private static void closeQuietly(PDDocument document) {
        try {
            document.close();
        } catch (IOException e) {
            // a document in memory: nothing to release that the collector would not
        }
    }

    int pooledFonts() {
        return fonts.size();
    }

    private static TrueTypeFont parse(byte[] font) throws IOException {
        return new TTFParser().parse(new RandomAccessReadBuffer(font));
    }

    private static byte[] font(String file) {
        try (InputStream in = DocumentRenderer.class.getResourceAsStream("/fonts/" + file)) {
            if (in == null) {
                throw new IllegalStateException("font " + file + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("font " + file + " could not be read", e);
        }
    }
}

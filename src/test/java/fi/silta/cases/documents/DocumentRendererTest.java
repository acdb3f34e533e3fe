package fi.silta.cases.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import fi.silta.web.Locales;

/** Documents render to tagged PDF/A with the bundled font: the text reads back with å, ä, ö and €. */
class DocumentRendererTest {

    static final DocumentRenderer RENDERER = new DocumentRenderer(messages());

    @Test
    void finnishDocumentReadsBackWithItsLettersAndTheEuroSign() throws IOException {
        byte[] pdf = render(Locales.FINNISH, "Päätös avustuksesta");
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Päätös avustuksesta", "Åbo Akademis vänner ry", "Ölkkäri",
                    "Asiatunnus", "AV-2026-0042", "Päivämäärä", "7.12.2026 klo 12.30", "Myönnetty määrä", "1 234,50 €",
                    "Yhteensä", "Hakemus käsiteltiin 1.12.2026.", "Sivu 1 / 1");
            assertThat(text).contains("å", "ä", "ö", "€");
        }
    }

    @Test
    void swedishAndEnglishTakeTheirWordsFromTheirBundles() throws IOException {
        try (PDDocument document = Loader.loadPDF(render(Locales.SWEDISH, "Beslut om understöd"))) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Beslut om understöd", "Ärendebeteckning", "Datum", "7.12.2026 kl. 12.30", "Sammanlagt", "Sida 1 / 1");
            assertThat(document.getDocumentCatalog().getLanguage()).isEqualTo("sv");
        }
        try (PDDocument document = Loader.loadPDF(render(Locales.ENGLISH, "Grant decision"))) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Grant decision", "Case number", "Total", "€1,234.50", "Page 1 / 1");
        }
    }

    @Test
    void documentIsTaggedArchivableAndEmbedsEveryFont() throws IOException {
        try (PDDocument document = Loader.loadPDF(render(Locales.FINNISH, "Päätös avustuksesta"))) {
            var catalog = document.getDocumentCatalog();
            assertThat(catalog.getStructureTreeRoot()).as("tagged (PDF/UA)").isNotNull();
            assertThat(catalog.getStructureTreeRoot().getK()).isNotNull();
            assertThat(catalog.getMarkInfo().isMarked()).isTrue();
            assertThat(catalog.getLanguage()).isEqualTo("fi");
            assertThat(catalog.getViewerPreferences().displayDocTitle()).isTrue();
            assertThat(document.getDocumentInformation().getTitle()).isEqualTo("Päätös avustuksesta");
            String xmp = new String(catalog.getMetadata().toByteArray(), StandardCharsets.UTF_8);
            assertThat(xmp).as("PDF/A-2a and PDF/UA-1 declared in the XMP metadata")
                    .containsPattern("pdfaid:part[^0-9]{1,3}2").containsPattern("pdfaid:conformance[^A-Z]{1,3}A")
                    .containsPattern("pdfuaid:part[^0-9]{1,3}1");
            assertThat(catalog.getOutputIntents()).as("sRGB output intent (PDF/A)").isNotEmpty();
            List<PDFont> fonts = new ArrayList<>();
            for (PDPage page : document.getPages()) {
                PDResources resources = page.getResources();
                for (var name : resources.getFontNames()) {
                    fonts.add(resources.getFont(name));
                }
            }
            assertThat(fonts).isNotEmpty().allSatisfy(font -> {
                assertThat(font.isEmbedded()).as(font.getName() + " embedded").isTrue();
                assertThat(font.getName()).contains("DejaVuSans");
            });
        }
    }

    @Test
    void documentsRenderedAtOnceEachKeepTheirOwnTextAndFonts() throws Exception {
        // the parsed fonts are shared through a pool: four threads at once, each document must read
        // back with its own words and embed the fonts whole, and the pool must not grow past the threads
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String title = "Päätös " + i + " – Ölkkäri";
                done.add(threads.submit(() -> {
                    try (PDDocument document = Loader.loadPDF(render(Locales.FINNISH, title))) {
                        assertThat(new PDFTextStripper().getText(document)).contains(title, "1 234,50 €");
                        for (PDPage page : document.getPages()) {
                            for (var name : page.getResources().getFontNames()) {
                                assertThat(page.getResources().getFont(name).isEmbedded()).isTrue();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (var f : done) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(RENDERER.pooledFonts()).isBetween(1, DocumentRenderer.POOLED);
    }

    @Test
    void oneFontSetServesDocumentsWithOtherLettersOneAfterAnother() throws IOException {
        // PDFBox closes a font after embedding its subset; a set is reused by the next document,
        // which may need glyphs the first did not read: each must still read back whole
        DocumentRenderer alone = new DocumentRenderer(messages());
        String[] titles = {"Päätös avustuksesta", "Beslut om understöd för Åbo", "Grant decision: naïve façade – €/£ ½", "Päätös #2 ÅÄÖ åäö"};
        for (String title : titles) {
            try (PDDocument document = Loader.loadPDF(alone.render("case-document", Locales.FINNISH, Map.of("title", title,
                    "rows", List.of(new DocumentRow("documents.reference", title)))))) {
                assertThat(new PDFTextStripper().getText(document)).contains(title);
            }
            assertThat(alone.pooledFonts()).as("one set, reused").isEqualTo(1);
        }
    }

    @Test
    void aPageThatCannotBeParsedFailsAndTheNextRendersWell() throws IOException {
        DocumentRenderer alone = new DocumentRenderer(messages());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> alone.renderXhtml("<html><body><p>not closed</body>", "broken"))
                .isInstanceOf(RuntimeException.class);
        try (PDDocument document = Loader.loadPDF(render(Locales.FINNISH, "Päätös avustuksesta"))) {
            assertThat(new PDFTextStripper().getText(document)).contains("Päätös avustuksesta");
        }
    }

    @Test
    void modelValuesAreTextNotMarkup() throws IOException {
        byte[] pdf = RENDERER.render("case-document", Locales.FINNISH, Map.of("title", "<b>Otsikko</b> & muuta",
                "rows", List.of(new DocumentRow("documents.reference", "<script>x</script>"))));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document)).contains("<b>Otsikko</b> & muuta", "<script>x</script>");
        }
    }

    private static byte[] render(java.util.Locale locale, String title) {
        return RENDERER.render("case-document", locale, Map.of(
                "title", title,
                "reference", "AV-2026-0042",
                "date", "2026-12-07T10:30:00Z",
                "rows", List.of(new DocumentRow("test.documents.organisation", "Åbo Akademis vänner ry / Vårdgården Ölkkäri"),
                        new DocumentRow("test.documents.granted", "1 234,50 €")),
                "total", new BigDecimal("1234.50"),
                "paragraphs", List.of("Hakemus käsiteltiin 1.12.2026.")));
    }

    static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("documents-test/messages", "i18n/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }
}

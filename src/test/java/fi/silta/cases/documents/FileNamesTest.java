package fi.silta.cases.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void lettersOfEveryLanguageStay() {
        assertThat(FileNames.forStorage("Päätös ja yhdistyksen säännöt (Åland).pdf", DocumentType.PDF))
                .isEqualTo("Päätös ja yhdistyksen säännöt (Åland).pdf");
        assertThat(FileNames.forStorage("Привет мир.docx", DocumentType.DOCX)).isEqualTo("Привет мир.docx");
    }

    @Test
    void decomposedLettersFromAMacAreComposed() {
        String nfd = Normalizer.normalize("Päätös.pdf", Normalizer.Form.NFD);
        assertThat(nfd).isNotEqualTo("Päätös.pdf");
        assertThat(FileNames.forStorage(nfd, DocumentType.PDF)).isEqualTo("Päätös.pdf");
    }

    @Test
    void pathsAreStripped() {
        assertThat(FileNames.forStorage("C:\\Users\\aino\\Documents\\hakemus.pdf", DocumentType.PDF)).isEqualTo("hakemus.pdf");
        assertThat(FileNames.forStorage("../../etc/passwd.pdf", DocumentType.PDF)).isEqualTo("passwd.pdf");
        assertThat(FileNames.forStorage("/tmp/", DocumentType.PDF)).isEqualTo("document.pdf");
    }

    @Test
    void controlAndInvisibleCharactersGoAndForbiddenOnesBecomeUnderscores() {
        assertThat(FileNames.forStorage("a\u0000b\u0007c\r\nd\te.pdf", DocumentType.PDF)).isEqualTo("abc d e.pdf");
        // the right-to-left override would show "lasku\u202Efdp.exe" as "laskuexe.pdf"
        assertThat(FileNames.forStorage("lasku\u202Efdp.pdf", DocumentType.PDF)).isEqualTo("laskufdp.pdf");
        assertThat(FileNames.forStorage("a\u200Bb\uFEFF.pdf", DocumentType.PDF)).isEqualTo("ab.pdf");
        assertThat(FileNames.forStorage("mitä? \"lainaus\" <x>|y*z:.pdf", DocumentType.PDF)).isEqualTo("mitä_ _lainaus_ _x__y_z_.pdf");
        assertThat(FileNames.forStorage("  monta   väliä  .pdf", DocumentType.PDF)).isEqualTo("monta väliä.pdf");
    }

    @Test
    void hiddenAndEmptyNamesGetAName() {
        assertThat(FileNames.forStorage(".pdf", DocumentType.PDF)).isEqualTo("document.pdf");
        assertThat(FileNames.forStorage("...pdf", DocumentType.PDF)).isEqualTo("document.pdf");
        assertThat(FileNames.forStorage(null, DocumentType.PDF)).isEqualTo("document.pdf");
        assertThat(FileNames.forStorage(".bashrc.pdf", DocumentType.PDF)).isEqualTo("bashrc.pdf");
        assertThat(FileNames.forStorage("raportti.pdf. . ", DocumentType.PDF)).isEqualTo("raportti.pdf");
    }

    @Test
    void theExtensionIsTheTypesInLowerCase() {
        assertThat(FileNames.forStorage("RAPORTTI.PDF", DocumentType.PDF)).isEqualTo("RAPORTTI.pdf");
        assertThat(FileNames.forStorage("versio.1.2.docx", DocumentType.DOCX)).isEqualTo("versio.1.2.docx");
    }

    @Test
    void longNamesAreCutKeepingTheExtensionAndWholeCharacters() {
        String name = FileNames.forStorage("ä".repeat(300) + ".xlsx", DocumentType.XLSX);
        assertThat(name).hasSize(FileNames.MAX_LENGTH).endsWith("ä.xlsx");
        String emoji = FileNames.forStorage("😀".repeat(200) + ".pdf", DocumentType.PDF);
        assertThat(emoji.codePointCount(0, emoji.length())).isEqualTo(FileNames.MAX_LENGTH);
        assertThat(emoji).endsWith("😀.pdf");
    }

    @Test
    void contentDispositionCarriesTheUtf8NameAndAnAsciiFallback() {
        assertThat(FileNames.contentDisposition("Päätös 1 (ö).pdf")).isEqualTo(
                "attachment; filename=\"Paatos 1 (o).pdf\"; filename*=UTF-8''P%C3%A4%C3%A4t%C3%B6s%201%20%28%C3%B6%29.pdf");
        assertThat(FileNames.contentDisposition("a;b,c'%.pdf"))
                .isEqualTo("attachment; filename=\"a;b,c'_.pdf\"; filename*=UTF-8''a%3Bb%2Cc%27%25.pdf");
        assertThat(FileNames.contentDisposition("Привет.pdf")).startsWith("attachment; filename=\"______.pdf\"; filename*=UTF-8''%D0%9F");
    }
}

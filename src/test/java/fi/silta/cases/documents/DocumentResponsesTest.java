package fi.silta.cases.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

class DocumentResponsesTest {

    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final Document DOCUMENT = new Document(7, 3, "budget", "Talousarvio 2027 – hyväksytty.docx", DOCX, 4, "ab".repeat(32),
            OffsetDateTime.parse("2026-11-23T08:00:00Z"), "aino@example.org");
    static final byte[] CONTENT = { 'P', 'K', 3, 4 };

    @Test
    void aDocumentIsServedAsAnAttachmentThatNoBrowserSniffsOrCaches() {
        ResponseEntity<byte[]> response = DocumentResponses.download(DOCUMENT, CONTENT);
        HttpHeaders headers = response.getHeaders();
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(headers.getFirst(HttpHeaders.CONTENT_DISPOSITION)).isEqualTo("attachment; "
                + "filename=\"Talousarvio 2027 _ hyvaksytty.docx\"; "
                + "filename*=UTF-8''Talousarvio%202027%20%E2%80%93%20hyv%C3%A4ksytty.docx");
        assertThat(headers.getContentType()).hasToString(DOCX);
        assertThat(headers.getContentLength()).isEqualTo(4);
        assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(headers.getFirst(HttpHeaders.CACHE_CONTROL)).isEqualTo("private, no-store");
        assertThat(response.getBody()).isEqualTo(CONTENT);
    }

    @Test
    void theHeadersSurviveSpringMvc() throws Exception {
        MockMvc mvc = MockMvcBuilders.standaloneSetup(new Downloads()).build();
        byte[] body = mvc.perform(get("/doc"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, DOCX))
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "private, no-store"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION, DocumentResponses.download(DOCUMENT, CONTENT)
                        .getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)))
                .andExpect(content().bytes(CONTENT))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(body).isEqualTo(CONTENT);
    }

    @RestController
    static class Downloads {
        @GetMapping("/doc")
        ResponseEntity<byte[]> doc() {
            return DocumentResponses.download(DOCUMENT, CONTENT);
        }
    }
}

package fi.silta.portal.forms;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.multipart.MultipartFile;

/** The test form, its options and submissions, shared by the form tests. */
final class TestForms {

    static final FormRegistry REGISTRY = new FormRegistry("classpath*:forms-test/*.form");
    static final FormOptions MUNICIPALITIES = FormOptions.of("municipalities",
            List.of(new FormOption("564", "Oulu"), new FormOption("139", "Ii"), new FormOption("244", "Kempele")));

    private TestForms() {
    }

    static FormDefinition allTypes() {
        return REGISTRY.get("all-types");
    }

    /** The application's bundles plus the test form's texts (forms-test/messages*.properties). */
    static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("forms-test/messages", "i18n/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    /** A submission builder: {@code params("a", "1", "b", "2")}. */
    static Post post(String... pairs) {
        Post post = new Post();
        for (int i = 0; i < pairs.length; i += 2) {
            post.params.add(pairs[i], pairs[i + 1]);
        }
        return post;
    }

    static final class Post {
        final MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
        final MultiValueMap<String, MultipartFile> files = new LinkedMultiValueMap<>();

        Post set(String name, String... values) {
            params.put(name, List.of(values));
            return this;
        }

        Post without(String name) {
            params.remove(name);
            return this;
        }

        Post file(String name, String filename) {
            files.add(name, new MockMultipartFile(name, filename, "application/pdf", "%PDF-1.4".getBytes(StandardCharsets.US_ASCII)));
            return this;
        }

        /** What a browser sends for a file input left empty. */
        Post noFile(String name) {
            files.add(name, new MockMultipartFile(name, "", "application/octet-stream", new byte[0]));
            return this;
        }

        FormSubmission submission() {
            return new FormSubmission(params, files);
        }
    }

    /** A submission of the test form that passes. */
    static Post valid() {
        return post(
                "name", "Kylätalon kesä",
                "businessId", "2145876-6",
                "amount", "1 234,50",
                "municipality", "564",
                "kind", "grant",
                "consent", "true",
                "contact.person", "Aino Virtanen",
                "budgetRows[0].item", "Vuokra",
                "budgetRows[0].cost", "500",
                "budgetRows[1].item", "",
                "budgetRows[1].cost", "")
                .file("attachments", "suunnitelma.pdf")
                .noFile("plan");
    }
}

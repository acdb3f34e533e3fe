package fi.silta.cases;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import fi.silta.cases.documents.Document;
import fi.silta.cases.documents.DocumentService;
import fi.silta.security.StaffDirectory;
import fi.silta.web.Section;

/**
 * The staff page's section of what the county asked of the outsider on a case and what they
 * answered ({@link CaseRequests}), one kind of request at a time: who asked, the deadline, the
 * request, the answer with who gave it and its files, or that the time ran out. The same section
 * for every procedure; the procedure names its words ({@code case.<words>.*}: title, none,
 * request, answer, open).
 */
@Component
public class CaseRequestsView {

    /** A request and its answer as the page shows them. */
    public record RequestView(String request, String requestedBy, Object requestedAt, Object dueAt, String answer,
            String answeredBy, Object answeredAt, List<Document> files, Object lapsedAt) {
    }

    private final CaseRequests requests;
    private final DocumentService documents;
    private final StaffDirectory staff;

    public CaseRequestsView(CaseRequests requests, DocumentService documents, StaffDirectory staff) {
        this.requests = requests;
        this.documents = documents;
        this.staff = staff;
    }

    /** The section of the case's requests of {@code topic} (an outsider task's id). */
    public Section section(CaseFile caseFile, String topic, String words) {
        return section(requests.of(caseFile.id()), documents.list(caseFile.id()), topic, words);
    }

    /** The same, from the case's requests and documents already read for the page. */
    public Section section(List<CaseRequests.CaseRequest> all, List<Document> caseDocuments, String topic, String words) {
        Map<Long, Document> byId = caseDocuments.stream().collect(Collectors.toMap(Document::id, Function.identity()));
        List<RequestView> asked = all.stream().filter(r -> topic.equals(r.topic()))
                .map(r -> new RequestView(r.requestText(), name(r.requestedBy()), r.requestedAt(), r.dueAt(), r.answerText(),
                        r.answeredBy(), r.answeredAt(), r.documentIds().stream().map(byId::get).filter(Objects::nonNull).toList(),
                        r.lapsedAt()))
                .toList();
        return new Section("cases/case-requests", Map.of("requests", asked, "words", words));
    }

    private String name(String userId) {
        return userId == null ? null : staff.find(userId).map(StaffDirectory.StaffMember::name).orElse(userId);
    }
}

package fi.silta.grants;

import org.springframework.stereotype.Service;

import fi.silta.cases.documents.DocumentRenderer;

/** Placeholder until the decision template lands: the decision as a one-line PDF. */
@Service
public class GrantDecisionDocument {

    private final DocumentRenderer renderer;

    public GrantDecisionDocument(DocumentRenderer renderer) {
        this.renderer = renderer;
    }

    public byte[] pdf(GrantDecision decision) {
        return renderer.renderXhtml("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"fi\"><head><title>Päätös</title></head>"
                + "<body><p>" + decision.outcome() + " " + decision.amountGranted().toPlainString() + "</p></body></html>",
                "grant-decision");
    }

    public String fileName(GrantDecision decision) {
        return "paatos-" + decision.id() + ".pdf";
    }
}

package fi.silta.negotiations;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseKind;
import fi.silta.cases.PartyHiddenDocuments;

/**
 * An NGO's input attachments are documents of the negotiation's case (stored by {@link HyteInputs}) but not the
 * municipality's to read: its contacts on the case's status page neither see nor download them. The NGO reads its own
 * on the input page, the county's staff on theirs.
 */
@Component
class HyteInputDocuments implements PartyHiddenDocuments {

    private final JdbcClient jdbc;

    HyteInputDocuments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public CaseKind kind() {
        return CaseKind.HYTE_NEGOTIATION;
    }

    @Override
    public boolean hidden(CaseFile caseFile, long documentId) {
        return jdbc.sql("select count(*) from hyte_input_document where document_id = ?").param(documentId).query(Long.class).single() > 0;
    }
}

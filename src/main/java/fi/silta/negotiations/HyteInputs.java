// CONTRACT STUB — owner H5, replaced on merge
package fi.silta.negotiations;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.stereotype.Service;

/** Contract stub of H5's NGO input: what organisations gave for one negotiation (none in this stub). */
@Service
public class HyteInputs {

    /** One organisation's input on one theme. */
    public record Input(String organisationName, String theme, String text, OffsetDateTime givenAt) {
    }

    public List<Input> forNegotiation(long negotiationId) {
        return List.of();
    }
}

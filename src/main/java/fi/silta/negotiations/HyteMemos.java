// CONTRACT STUB — owner H4, replaced on merge
package fi.silta.negotiations;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

/** H4's memos and measures of a negotiation; this stub knows none (the cycle's summary then says "no memo yet"). */
@Service
public class HyteMemos {

    public record Memo(long id, String goals, String cooperation, String informationFlow, String status) {
    }

    public record Measure(long id, String text, String ownerKind, Long ownerOrganisationId, LocalDate dueDate, String indicator,
            String status) {
    }

    public Optional<Memo> memo(long negotiationId) {
        return Optional.empty();
    }

    public List<Measure> measures(long negotiationId) {
        return List.of();
    }
}

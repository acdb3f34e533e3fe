package fi.silta.grants;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A use-of-funds report (käyttöselvitys) asked of a funding (table {@code grant_report}): interim or final, its due
 * instant and where it stands. What the organisation sent are its {@link Version}s, a new one each time the coordinator
 * asks for more.
 *
 * @param moreDueAt the later due instant the coordinator gave when asking for more (null before that)
 */
public record GrantReport(long id, long fundingId, Kind kind, String processInstanceId, OffsetDateTime dueAt,
        OffsetDateTime moreDueAt, Status status) {

    public enum Kind {
        /** after the first instalment of a split: the second is paid once it is accepted */
        INTERIM,
        /** at the end of the grant period */
        FINAL
    }

    public enum Status {
        /** asked, not yet sent */
        AWAITED,
        /** sent, the coordinator reviews it */
        SUBMITTED,
        /** the coordinator asked for more: the organisation's task is open again */
        MORE_ASKED,
        /** accepted: its figures count in the managers' figures */
        ACCEPTED,
        /** not accepted: recovery follows */
        RECOVERY;

        /** The organisation may send a (new) version. */
        public boolean awaited() {
            return this == AWAITED || this == MORE_ASKED;
        }
    }

    /** One report the organisation sent, with its figures per budget line of the terms then in force. */
    public record Version(long id, long reportId, int version, int termsVersion, BigDecimal unused, int peopleReached,
            int activitiesHeld, String outcomes, String documentIds, String submittedBy, OffsetDateTime submittedAt,
            String review, String reviewText, String reviewedBy, OffsetDateTime reviewedAt, List<Line> lines) {

        public BigDecimal used() {
            return lines.stream().map(Line::used).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        public BigDecimal budgeted() {
            return lines.stream().map(Line::budgeted).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        public List<Long> documents() {
            return documentIds == null || documentIds.isBlank() ? List.of()
                    : java.util.Arrays.stream(documentIds.split(",")).map(String::strip).map(Long::valueOf).toList();
        }
    }

    /** A budget line: what the terms gave it and what was used. */
    public record Line(int position, String description, BigDecimal budgeted, BigDecimal used) {

        public BigDecimal difference() {
            return budgeted.subtract(used);
        }
    }

    /** A report with every version sent, oldest first. */
    public record WithVersions(GrantReport report, List<Version> versions) {

        public Version latest() {
            return versions.isEmpty() ? null : versions.get(versions.size() - 1);
        }
    }
}

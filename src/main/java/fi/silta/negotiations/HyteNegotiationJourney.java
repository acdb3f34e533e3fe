package fi.silta.negotiations;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseJourney;
import fi.silta.cases.CaseKind;
import fi.silta.cases.CaseProgress;

/** A hyte negotiation's steps on its status page: background → agenda → meeting → memo → approval → done. */
@Component
class HyteNegotiationJourney implements CaseJourney {

    static final List<String> STEPS = List.of("background", "agenda", "meeting", "memo", "approval", "done");

    @Override
    public Optional<Journey> of(CaseFile caseFile, CaseProgress.Progress progress) {
        if (caseFile.kind() != CaseKind.HYTE_NEGOTIATION) {
            return Optional.empty();
        }
        if (progress.ended()) {
            return Optional.of(Journey.at(STEPS, "done", true));
        }
        return Optional.of(Journey.at(STEPS, step(progress.stepIds()), false));
    }

    static String step(List<String> activities) {
        String step = "background";
        for (String id : activities) {
            String at = switch (id) {
                case "Task_DraftAgenda" -> "agenda";
                case "Task_ScheduleMeeting", "Gateway_MeetingEvents", "Timer_MeetingStarted", "Event_MeetingMoved",
                        "Event_MeetingCancelled" -> "meeting";
                case "Task_RecordMemo" -> "memo";
                case "Task_ApproveMemoCounty", "Task_ApproveMemoMunicipality", "Task_PublishMemo" -> "approval";
                case "Task_ReportDone", "Task_StartFollowUp" -> "done";
                default -> null;
            };
            if (at != null && STEPS.indexOf(at) > STEPS.indexOf(step)) {
                step = at;
            }
        }
        return step;
    }
}

package fi.silta.negotiations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import fi.silta.dashboard.Dashboard;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.web.Locales;

/**
 * The hyte negotiations' dashboard against a known cycle: every municipality of the county opened, one negotiation
 * done with an approved memo of two measures (one done), the rest waiting for their background.
 */
@SiltaIntegrationTest
class HyteDashboardTest {

    @LocalServerPort int port;
    @Autowired HyteDashboard dashboard;
    @Autowired HyteCycleFixtures fixtures;
    @Autowired HyteCycles cycles;
    @Autowired HyteMemos memos;
    @Autowired ManagementService managementService;
    @Autowired JdbcClient jdbc;
    @Autowired fi.silta.organisations.OrganisationRepository organisations;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void negotiationsDoneMemosAndMeasuresPerCycleAndPerStep() {
        int year = fixtures.freshYear();
        ProcessInstance instance = fixtures.start(HyteCycleFixtures.startForm(year));
        Job open = managementService.createJobQuery().processInstanceId(instance.getId()).activityId("Task_OpenNegotiations").singleResult();
        managementService.executeJob(open.getId());
        HyteCycle cycle = cycles.byYear(year).orElseThrow();
        List<HyteNegotiationRow> negotiations = cycles.negotiations(cycle);
        int count = negotiations.size();
        assertThat(count).isEqualTo(organisations.municipalitiesOf(cycles.countyCode()).size());
        HyteNegotiationRow first = negotiations.get(0);
        memos.save(first.id(), new HyteMemos.MemoInput("Liikkumattomuus vähenee.", "Foorumi", "Kirje", List.of(
                new HyteMemos.MeasureInput("Liikuntaneuvonta", HyteMemos.OwnerKind.COUNTY, null, LocalDate.of(year, 9, 30), null),
                new HyteMemos.MeasureInput("Tilat", HyteMemos.OwnerKind.MUNICIPALITY, first.municipalities().get(0),
                        LocalDate.of(year, 12, 31), null))), "timo.laine");
        // the approvals themselves are the memo's tests' part: here the memo as they leave it
        jdbc.sql("update hyte_memo set status = 'PUBLISHED' where negotiation_id = ?").param(first.id()).update();
        memos.updateMeasure(memos.measures(first.id()).get(0).id(), HyteMemos.MeasureStatus.DONE, null, "timo.laine");
        assertThat(cycles.negotiationDone(first.caseReference())).as("the cycle waits for it").isTrue();

        Dashboard all = dashboard.dashboard(Map.of(), Locales.FINNISH).orElseThrow();
        assertThat(all.figure("cycles").rows()).filteredOn(row -> row.get(0).equals("HYTE-" + year)).singleElement()
                .isEqualTo(List.of("HYTE-" + year, "Käynnissä", (long) count, 1L, 1L, 2L, 1L, 0L, 0L));

        Dashboard one = dashboard.dashboard(Map.of("round", String.valueOf(cycle.id())), Locales.FINNISH).orElseThrow();
        assertThat(one.figure("steps").rows()).contains(List.of("Valmis", 1L));
        assertThat(one.figure("steps").rows().stream().mapToLong(row -> (Long) row.get(1)).sum()).isEqualTo(count);
        assertThat(one.figure("negotiations").rows()).hasSize(count)
                .filteredOn(row -> ((String) row.get(0)).startsWith(first.caseReference() + " ")).singleElement()
                .satisfies(row -> assertThat(row.subList(1, 8)).isEqualTo(List.of("Valmis", "", "Hyväksytty ja julkaistu", 2L, 1L, 0L, 0L)));
        assertThat(one.figure("measures").rows()).contains(List.of("Hyvinvointialue", 0L, 0L, 1L, 0L),
                List.of("Kunta", 1L, 0L, 0L, 0L));
        assertThat(dashboard.dashboard(Map.of("round", "999999999"), Locales.FINNISH)).isEmpty();

        StaffClient manager = StaffClient.signedIn(port, "pekka.koskinen", "silta-demo");
        assertThat(manager.get("/staff/dashboards/hyte?lang=fi&round=" + cycle.id()).body()).contains("HYTE-" + year, first.caseReference(),
                "Neuvottelut vaiheittain");
        assertThat(manager.get("/staff/dashboards/hyte/steps.csv?round=" + cycle.id()).statusCode()).isEqualTo(200);
        assertThat(StaffClient.signedIn(port, "mikko.korhonen", "silta-demo").get("/staff/dashboards/hyte").statusCode()).isEqualTo(403);
    }
}

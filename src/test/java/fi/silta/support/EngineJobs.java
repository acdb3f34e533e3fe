package fi.silta.support;

import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Component;

/** Drives a process instance's due jobs in tests (the job executor is off). */
@Component
public class EngineJobs {

    private final ManagementService managementService;

    public EngineJobs(ManagementService managementService) {
        this.managementService = managementService;
    }

    /** Executes the instance's executable jobs (and those they create) until none is left. */
    public void executeAll(String processInstanceId) {
        for (int round = 0; round < 20; round++) {
            List<Job> jobs = managementService.createJobQuery().processInstanceId(processInstanceId).executable().list();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(job -> managementService.executeJob(job.getId()));
        }
    }
}

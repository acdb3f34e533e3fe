package fi.silta;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import fi.silta.demo.DemoData;
import fi.silta.grants.GrantApplicationRepository;
import fi.silta.grants.GrantDecisionMigration;
import fi.silta.grants.GrantDecisionRepository;
import fi.silta.organisations.MunicipalityOrganisations;
import fi.silta.organisations.ReferenceData;
import fi.silta.security.StaffIdentitySetup;
import fi.silta.security.TasklistFilters;

/** What every start does, in order: reference data and the municipalities' organisations, staff groups and rights, filters, ended grant processes moved on, demo data. */
@Component
public class SiltaSetup {

    private final ReferenceData referenceData;
    private final MunicipalityOrganisations municipalityOrganisations;
    private final StaffIdentitySetup identity;
    private final TasklistFilters filters;
    private final DemoData demoData;
    private final SiltaProperties properties;
    private final GrantDecisionMigration grantDecisionMigration;
    private final GrantApplicationRepository grantApplications;
    private final GrantDecisionRepository grantDecisions;

    public SiltaSetup(ReferenceData referenceData, StaffIdentitySetup identity, TasklistFilters filters, DemoData demoData,
            SiltaProperties properties, GrantDecisionMigration grantDecisionMigration, GrantApplicationRepository grantApplications,
            GrantDecisionRepository grantDecisions, MunicipalityOrganisations municipalityOrganisations) {
        this.municipalityOrganisations = municipalityOrganisations;
        this.grantDecisions = grantDecisions;
        this.grantDecisionMigration = grantDecisionMigration;
        this.grantApplications = grantApplications;
        this.referenceData = referenceData;
        this.identity = identity;
        this.filters = filters;
        this.demoData = demoData;
        this.properties = properties;
    }

    @EventListener(ApplicationStartedEvent.class)
    public void onStart() {
        referenceData.load();
        municipalityOrganisations.sync();
        identity.apply();
        filters.apply();
        grantDecisionMigration.run();
        grantApplications.indexMunicipalities();
        grantDecisions.sumUpRoundsWithoutTotals();
        if (properties.demo().enabled()) {
            demoData.load();
        }
    }
}

package fi.silta.architecture.broken.organisations;

import fi.silta.architecture.broken.cases.BrokenCase;

/** The other half of a package cycle (fixture). */
public class BrokenOrganisation {

    public BrokenCase firstCase() {
        return new BrokenCase();
    }
}

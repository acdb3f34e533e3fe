package fi.silta.architecture.broken.cases;

import fi.silta.architecture.broken.organisations.BrokenOrganisation;

/** One half of a package cycle (fixture). */
public class BrokenCase {

    public BrokenOrganisation organisation() {
        return new BrokenOrganisation();
    }
}

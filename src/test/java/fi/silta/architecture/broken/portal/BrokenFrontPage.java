package fi.silta.architecture.broken.portal;

import fi.silta.architecture.broken.grants.BrokenCall;

/** A shared page that knows a procedure (fixture: the architecture test must reject it). */
public class BrokenFrontPage {

    public String render(BrokenCall call) {
        return call.name();
    }
}

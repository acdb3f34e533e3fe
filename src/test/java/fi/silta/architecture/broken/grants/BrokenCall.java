package fi.silta.architecture.broken.grants;

/** A procedure's class (fixture). */
public class BrokenCall {

    public String name() {
        return "call";
    }
}

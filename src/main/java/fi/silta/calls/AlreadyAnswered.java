package fi.silta.calls;

/**
 * The organisation has already answered a call that takes one answer per organisation. Thrown
 * inside the answering transaction (which it rolls back); {@link Calls#refusal} turns it into the
 * message for people, read after the rollback, naming the first answer.
 */
public class AlreadyAnswered extends RuntimeException {

    private final String callKind;
    private final long callId;
    private final String scope;
    private final long organisationId;

    public AlreadyAnswered(Call call, String scope, long organisationId) {
        super("organisation " + organisationId + " has already answered " + call.callKind() + " " + call.callId()
                + (scope.isEmpty() ? "" : " (" + scope + ")"));
        this.callKind = call.callKind();
        this.callId = call.callId();
        this.scope = scope;
        this.organisationId = organisationId;
    }

    public String callKind() {
        return callKind;
    }

    public long callId() {
        return callId;
    }

    public String scope() {
        return scope;
    }

    public long organisationId() {
        return organisationId;
    }
}

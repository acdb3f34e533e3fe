package fi.silta.portal.forms;

import java.util.HashMap;
import java.util.Map;

import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;
import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * A form's {@code conditional.hide} (or an expression {@code readonly}), evaluated on the server by
 * the FEEL engine the Camunda engine already ships for DMN (feel-scala), so that the server reads a
 * condition as FEEL defines it rather than by a hand-written subset. The expression is parsed when
 * the form is loaded: one that is not FEEL is refused then, never guessed at. A condition holds only
 * when the expression evaluates to {@code true}; {@code null} (a missing variable, a comparison
 * between different types) and evaluation failures count as not holding, as in form-js.
 */
public final class FeelCondition {

    /** A condition that is never true (a component without {@code conditional.hide}). */
    public static final FeelCondition NEVER = new FeelCondition("false", null);
    public static final FeelCondition ALWAYS = new FeelCondition("true", null);

    private static final FeelEngineApi FEEL = FeelEngineBuilder.forJava().build();

    private final String source;
    private final ParsedExpression expression;

    private FeelCondition(String source, ParsedExpression expression) {
        this.source = source;
        this.expression = expression;
    }

    public String source() {
        return source;
    }

    /** Whether the condition holds for the data (variables by name; a map's entries by path, {@code contact.email}). */
    public boolean test(Map<String, ?> data) {
        if (this == NEVER) {
            return false;
        }
        if (this == ALWAYS) {
            return true;
        }
        EvaluationResult result = FEEL.evaluate(expression, new HashMap<String, Object>(data));
        return result.isSuccess() && Boolean.TRUE.equals(result.result());
    }

    /**
     * Parses an expression as written in a form ({@code "=x = \"y\""}); the leading {@code =} is
     * optional. Throws {@link IllegalArgumentException} saying the expression is not supported
     * (not FEEL), with the parser's reason.
     */
    public static FeelCondition parse(String expression) {
        if (expression == null || expression.isBlank()) {
            return NEVER;
        }
        String text = expression.strip();
        if (text.startsWith("=")) {
            text = text.substring(1);
        }
        ParseResult parsed = FEEL.parseExpression(text);
        if (parsed.isFailure()) {
            throw new IllegalArgumentException("FEEL expression not supported: " + expression + " (" + parsed.failure().message() + ")");
        }
        return new FeelCondition(expression, parsed.parsedExpression());
    }
}

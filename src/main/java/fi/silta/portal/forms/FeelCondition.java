package fi.silta.portal.forms;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The small part of FEEL that Silta's forms use in {@code conditional.hide} (and a boolean
 * {@code readonly}), evaluated on the server. Supported, with any whitespace:
 * <ul>
 * <li>{@code =path = literal} and {@code =path != literal}, where a literal is a string in double
 * quotes, a number, {@code true}, {@code false} or {@code null}, and a path is a variable name or
 * names joined by dots ({@code contact.email});</li>
 * <li>{@code =path} alone (true when the value is {@code true});</li>
 * <li>{@code not(...)}, {@code and}, {@code or} and parentheses around any of these.</li>
 * </ul>
 * FEEL's null rules as far as they matter here: {@code x = null} is true when {@code x} is missing
 * or null; comparing null with anything else is false. Anything else is refused when the form is
 * loaded, never guessed at.
 */
public final class FeelCondition {

    /** A condition that is never true (a component without {@code conditional.hide}). */
    public static final FeelCondition NEVER = new FeelCondition("false", data -> false);
    public static final FeelCondition ALWAYS = new FeelCondition("true", data -> true);

    private interface Node {
        boolean test(Map<String, ?> data);
    }

    private final String source;
    private final Node root;

    private FeelCondition(String source, Node root) {
        this.source = source;
        this.root = root;
    }

    public String source() {
        return source;
    }

    /** Whether the condition holds for the data; variables are looked up by name, dots walk into maps. */
    public boolean test(Map<String, ?> data) {
        return root.test(data);
    }

    /**
     * Parses an expression as written in a form ({@code "=x = \"y\""}); the leading {@code =} is
     * optional. Throws {@link IllegalArgumentException} naming what is not supported.
     */
    public static FeelCondition parse(String expression) {
        if (expression == null || expression.isBlank()) {
            return NEVER;
        }
        String text = expression.strip();
        if (text.startsWith("=")) {
            text = text.substring(1);
        }
        Parser parser = new Parser(expression, tokenize(expression, text));
        Node node = parser.or();
        parser.expectEnd();
        return new FeelCondition(expression, node);
    }

    // --- tokens

    private enum Kind { NAME, STRING, NUMBER, EQ, NE, LPAREN, RPAREN, END }

    private record Token(Kind kind, String text) {
    }

    private static List<Token> tokenize(String expression, String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                tokens.add(new Token(Kind.LPAREN, "("));
                i++;
            } else if (c == ')') {
                tokens.add(new Token(Kind.RPAREN, ")"));
                i++;
            } else if (c == '=') {
                tokens.add(new Token(Kind.EQ, "="));
                i++;
            } else if (c == '!' && i + 1 < text.length() && text.charAt(i + 1) == '=') {
                tokens.add(new Token(Kind.NE, "!="));
                i += 2;
            } else if (c == '"') {
                int end = text.indexOf('"', i + 1);
                if (end < 0) {
                    throw unsupported(expression, "a string without its closing quote");
                }
                String value = text.substring(i + 1, end);
                if (value.indexOf('\\') >= 0) {
                    throw unsupported(expression, "escapes in strings");
                }
                tokens.add(new Token(Kind.STRING, value));
                i = end + 1;
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)))) {
                int start = i++;
                while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                    i++;
                }
                tokens.add(new Token(Kind.NUMBER, text.substring(start, i)));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i++;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == '.')) {
                    i++;
                }
                tokens.add(new Token(Kind.NAME, text.substring(start, i)));
            } else {
                throw unsupported(expression, "the character '" + c + "'");
            }
        }
        tokens.add(new Token(Kind.END, ""));
        return tokens;
    }

    // --- grammar: or := and ('or' and)* ; and := unary ('and' unary)* ;
    //     unary := 'not' '(' or ')' | '(' or ')' | path [('=' | '!=') literal]

    private static final class Parser {
        private final String expression;
        private final List<Token> tokens;
        private int at;

        Parser(String expression, List<Token> tokens) {
            this.expression = expression;
            this.tokens = tokens;
        }

        private Token peek() {
            return tokens.get(at);
        }

        private boolean isWord(String word) {
            return peek().kind() == Kind.NAME && peek().text().equals(word);
        }

        private Token expect(Kind kind) {
            Token token = tokens.get(at);
            if (token.kind() != kind) {
                throw unsupported(expression, "'" + token.text() + "' where " + kind + " was expected");
            }
            at++;
            return token;
        }

        void expectEnd() {
            expect(Kind.END);
        }

        Node or() {
            Node left = and();
            while (isWord("or")) {
                at++;
                Node a = left;
                Node b = and();
                left = data -> a.test(data) || b.test(data);
            }
            return left;
        }

        Node and() {
            Node left = unary();
            while (isWord("and")) {
                at++;
                Node a = left;
                Node b = unary();
                left = data -> a.test(data) && b.test(data);
            }
            return left;
        }

        Node unary() {
            if (isWord("not")) {
                at++;
                expect(Kind.LPAREN);
                Node inner = or();
                expect(Kind.RPAREN);
                return data -> !inner.test(data);
            }
            if (peek().kind() == Kind.LPAREN) {
                at++;
                Node inner = or();
                expect(Kind.RPAREN);
                return inner;
            }
            Token name = expect(Kind.NAME);
            String path = name.text();
            if (List.of("true", "false", "null", "and", "or", "not").contains(path) || path.endsWith(".") || path.contains("..")) {
                throw unsupported(expression, "'" + path + "' where a variable name was expected");
            }
            Kind op = peek().kind();
            if (op != Kind.EQ && op != Kind.NE) {
                return data -> Boolean.TRUE.equals(lookup(data, path));
            }
            at++;
            Object literal = literal();
            boolean negate = op == Kind.NE;
            return data -> equal(lookup(data, path), literal) != negate;
        }

        private Object literal() {
            Token token = tokens.get(at++);
            switch (token.kind()) {
                case STRING:
                    return token.text();
                case NUMBER:
                    try {
                        return new BigDecimal(token.text());
                    } catch (NumberFormatException e) {
                        throw unsupported(expression, "the number " + token.text());
                    }
                case NAME:
                    switch (token.text()) {
                        case "true":
                            return Boolean.TRUE;
                        case "false":
                            return Boolean.FALSE;
                        case "null":
                            return null;
                        default:
                            throw unsupported(expression, "comparing with '" + token.text() + "' (only literals are supported)");
                    }
                default:
                    throw unsupported(expression, "'" + token.text() + "' where a literal was expected");
            }
        }
    }

    static Object lookup(Map<String, ?> data, String path) {
        Object current = data;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    private static boolean equal(Object value, Object literal) {
        if (literal == null) {
            return value == null;
        }
        if (value == null) {
            return false;
        }
        if (literal instanceof BigDecimal number) {
            BigDecimal other = asNumber(value);
            return other != null && other.compareTo(number) == 0;
        }
        if (literal instanceof Boolean) {
            return literal.equals(value);
        }
        return value instanceof CharSequence text && Objects.equals(literal, text.toString());
    }

    private static BigDecimal asNumber(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        return null;
    }

    private static IllegalArgumentException unsupported(String expression, String what) {
        return new IllegalArgumentException("FEEL expression " + expression + " is not supported by Silta's portal forms: "
                + what + " (supported: path = literal, path != literal, not(...), and, or, parentheses)");
    }

    @Override
    public String toString() {
        return source;
    }
}

package fi.silta.commenting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.silta.dashboard.Dashboard;
import fi.silta.dashboard.RoundsDashboardPage;
import fi.silta.dashboard.Figure;
import fi.silta.dashboard.Figure.Kind;
import fi.silta.web.Formats;
import fi.silta.web.Locales;

/**
 * The commenting rounds' dashboard ({@code /staff/dashboards/commenting}): invited against answered per
 * round (the response rate); for one round ({@code ?round=<id>}) who answered, answers per day toward the
 * deadline and how far the synthesis (the county's responses) has come.
 */
@Component
public class CommentingDashboard extends RoundsDashboardPage<CommentingRound> {

    static final int CHART_ROUNDS = 12;

    private final JdbcClient jdbc;
    private final CommentingRoundRepository rounds;

    public CommentingDashboard(JdbcClient jdbc, CommentingRoundRepository rounds, MessageSource messages) {
        super(messages);
        this.jdbc = jdbc;
        this.rounds = rounds;
    }

    @Override
    public String key() {
        return "commenting";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    protected List<CommentingRound> rounds() {
        return rounds.all();
    }

    @Override
    protected long id(CommentingRound round) {
        return round.id();
    }

    @Override
    protected String label(CommentingRound round, Locale locale) {
        return round.reference() + " " + round.title(locale);
    }

    @Override
    protected Dashboard all(List<CommentingRound> all, Dashboard.Choice choice, Locale locale) {
        return new Dashboard(text(locale, "title"), text(locale, "intro"),
                List.of(new Dashboard.Link(text(locale, "link.rounds"), "/staff/commenting")), choice, List.of(rounds(all, locale)));
    }

    @Override
    protected Dashboard one(CommentingRound round, List<CommentingRound> all, Dashboard.Choice choice, Locale locale) {
        Formats formats = new Formats(locale);
        return new Dashboard(label(round, locale),
                text(locale, "roundIntro", state(round, locale), formats.dateTime(round.opensAt()), formats.dateTime(round.closesAt())),
                List.of(new Dashboard.Link(text(locale, "link.all"), "/staff/dashboards/commenting"),
                        new Dashboard.Link(text(locale, "link.round"), "/staff/commenting/" + round.id())),
                choice, List.of(response(round, locale), days(round, locale), synthesis(round, locale)));
    }

    Figure rounds(List<CommentingRound> all, Locale locale) {
        Map<Long, long[]> counts = counts();
        Formats formats = new Formats(locale);
        List<List<Object>> rows = new ArrayList<>();
        for (CommentingRound r : all) {
            long[] n = counts.getOrDefault(r.id(), new long[3]);
            List<Object> row = new ArrayList<>(List.of(label(r, locale), state(r, locale),
                    formats.date(r.closesAt()), n[0], n[1], n[2]));
            row.add(rate(n[1], n[0]));
            rows.add(row);
        }
        return new Figure("rounds", text(locale, "rounds.title"), text(locale, "rounds.note", CHART_ROUNDS),
                List.of(col(locale, "round", Kind.TEXT), col(locale, "state", Kind.TEXT), col(locale, "closes", Kind.TEXT),
                        col(locale, "invited", Kind.COUNT), col(locale, "invitedAnswered", Kind.COUNT), col(locale, "answers", Kind.COUNT),
                        col(locale, "rate", Kind.PERCENT)),
                rows, Figure.Chart.bars(0, 6).first(CHART_ROUNDS));
    }

    /** Per round: invited, invited who answered, answers in all (one grouped query each). */
    private Map<Long, long[]> counts() {
        Map<Long, long[]> counts = new HashMap<>();
        jdbc.sql("select round_id, count(*) from commenting_invitation group by round_id")
                .query((rs, i) -> counts.computeIfAbsent(rs.getLong(1), k -> new long[3])[0] = rs.getLong(2)).list();
        jdbc.sql("select a.round_id, count(distinct a.organisation_id) from commenting_answer a join commenting_invitation v "
                        + "on v.round_id = a.round_id and v.organisation_id = a.organisation_id group by a.round_id")
                .query((rs, i) -> counts.computeIfAbsent(rs.getLong(1), k -> new long[3])[1] = rs.getLong(2)).list();
        jdbc.sql("select round_id, count(*) from commenting_answer group by round_id")
                .query((rs, i) -> counts.computeIfAbsent(rs.getLong(1), k -> new long[3])[2] = rs.getLong(2)).list();
        return counts;
    }

    Figure response(CommentingRound round, Locale locale) {
        long[] n = counts().getOrDefault(round.id(), new long[3]);
        List<List<Object>> rows = List.of(List.of(text(locale, "response.answered"), n[1]),
                List.of(text(locale, "response.silent"), n[0] - n[1]), List.of(text(locale, "response.others"), n[2] - n[1]));
        BigDecimal rate = rate(n[1], n[0]);
        return new Figure("response", text(locale, "response.title"),
                rate == null ? null : text(locale, "response.note", new Formats(locale).number(rate, 1)),
                List.of(col(locale, "group", Kind.TEXT), col(locale, "organisations", Kind.COUNT)), rows, Figure.Chart.bars(0, 1));
    }

    Figure days(CommentingRound round, Locale locale) {
        Map<LocalDate, Long> perDay = new LinkedHashMap<>();
        LocalDate first = round.opensAt().atZoneSameInstant(Locales.HELSINKI).toLocalDate();
        OffsetDateTime end = round.closedAt() != null ? round.closedAt() : round.closesAt();
        OffsetDateTime now = OffsetDateTime.ofInstant(org.camunda.bpm.engine.impl.util.ClockUtil.now().toInstant(), Locales.HELSINKI);
        LocalDate last = (end.isBefore(now) ? end : now).atZoneSameInstant(Locales.HELSINKI).toLocalDate();
        for (LocalDate day = first; !day.isAfter(last) && perDay.size() < 366; day = day.plusDays(1)) {
            perDay.put(day, 0L);
        }
        jdbc.sql("select submitted_at from commenting_answer where round_id = ? order by submitted_at").param(round.id())
                .query(OffsetDateTime.class).list()
                .forEach(at -> perDay.merge(at.atZoneSameInstant(Locales.HELSINKI).toLocalDate(), 1L, Long::sum));
        Formats formats = new Formats(locale);
        List<List<Object>> rows = new ArrayList<>();
        long total = 0;
        for (Map.Entry<LocalDate, Long> day : new java.util.TreeMap<>(perDay).entrySet()) {
            total += day.getValue();
            rows.add(List.of(formats.date(day.getKey()), day.getValue(), total));
        }
        return new Figure("days", text(locale, "days.title"), text(locale, "days.note"),
                List.of(col(locale, "day", Kind.TEXT), col(locale, "daily", Kind.COUNT), col(locale, "cumulative", Kind.COUNT)), rows,
                Figure.Chart.line(0, 1, 2));
    }

    Figure synthesis(CommentingRound round, Locale locale) {
        Map<String, Long> answered = new HashMap<>();
        for (CommentAnswer answer : rounds.answers(round.id())) {
            answer.answers().forEach((key, value) -> {
                if (value != null && !value.isBlank()) {
                    answered.merge(key, 1L, Long::sum);
                }
            });
        }
        Map<String, long[]> written = new HashMap<>();
        for (CommentResponse response : rounds.responses(round.id())) {
            long[] n = written.computeIfAbsent(response.questionKey(), k -> new long[2]);
            if (response.answerId() == CommentResponse.THEME) {
                n[1] = 1;
            } else {
                n[0]++;
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        for (CommentingRound.Question question : round.questions()) {
            long[] n = written.getOrDefault(question.key(), new long[2]);
            rows.add(List.of(question.text(locale), answered.getOrDefault(question.key(), 0L), n[0],
                    messages.getMessage(n[1] == 1 ? "dashboard.yes" : "dashboard.no", null, locale)));
        }
        return new Figure("synthesis", text(locale, "synthesis.title"), text(locale, "synthesis.note", state(round, locale)),
                List.of(col(locale, "question", Kind.TEXT), col(locale, "questionAnswers", Kind.COUNT), col(locale, "perAnswer", Kind.COUNT),
                        col(locale, "theme", Kind.TEXT)), rows, Figure.Chart.bars(0, 1, 2));
    }

    private String state(CommentingRound round, Locale locale) {
        return messages.getMessage("commenting.status." + round.status().name(), null, locale);
    }

    private static BigDecimal rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }
}

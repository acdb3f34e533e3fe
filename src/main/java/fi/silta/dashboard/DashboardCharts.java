package fi.silta.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import fi.silta.web.Formats;
import fi.silta.web.WebJars;

/**
 * Writes a figure's cells for people (the page, in the reader's language) and for spreadsheets (the CSV:
 * numbers with a decimal comma and no thousands separator, as Excel in Finland reads them), and its chart
 * as JSON for {@code static/js/dashboard-charts.js}, which draws it with Apache ECharts from its WebJar
 * ({@code org.webjars.npm:echarts}), served by Silta itself (no CDN; the pages' policy allows only 'self').
 */
@Component
public class DashboardCharts implements WebMvcConfigurer {

    private final ObjectMapper json = new ObjectMapper();
    private final String version = WebJars.version("echarts");

    /** The address of the ECharts bundle for the version on the class path. */
    public String script() {
        return "/webjars/echarts/" + version + "/dist/echarts.min.js";
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        WebJars.serve(registry, "echarts");
    }

    /** A cell as the page shows it. */
    public String text(Figure figure, int column, Object value, Locale locale) {
        if (value == null) {
            return "–";
        }
        Formats formats = new Formats(locale);
        return switch (figure.columns().get(column).kind()) {
            case TEXT -> value.toString();
            case COUNT -> formats.number(decimal(value), 0);
            case EUROS -> formats.money(value);
            case DECIMAL -> formats.number(decimal(value), 1);
            case PERCENT -> formats.number(decimal(value), 1) + "\u00a0%";
        };
    }

    /** A row as the CSV holds it. */
    public List<String> csvRow(Figure figure, List<Object> row, Locale locale) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            Object value = row.get(i);
            Figure.Kind kind = figure.columns().get(i).kind();
            if (value == null) {
                cells.add("");
            } else if (kind == Figure.Kind.TEXT) {
                cells.add(value.toString());
            } else {
                BigDecimal number = decimal(value);
                int scale = switch (kind) {
                    case COUNT -> 0;
                    case EUROS -> 2;
                    default -> 1;
                };
                String plain = number.setScale(scale, RoundingMode.HALF_UP).toPlainString();
                cells.add("en".equals(locale.getLanguage()) ? plain : plain.replace('.', ','));
            }
        }
        return cells;
    }

    /** The chart's data for the script: its type, labels and series (name and plain numbers). */
    public String chartJson(Figure figure, Locale locale) {
        Figure.Chart chart = figure.chart();
        if (chart == null) {
            return null;
        }
        List<List<Object>> rows = chart.limit() > 0 && figure.rows().size() > chart.limit()
                ? figure.rows().subList(0, chart.limit()) : figure.rows();
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", chart.type().name().toLowerCase(Locale.ROOT));
        spec.put("labels", rows.stream().map(r -> text(figure, chart.labelColumn(), r.get(chart.labelColumn()), locale)).toList());
        List<Map<String, Object>> series = new ArrayList<>();
        for (int column : chart.seriesColumns()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", figure.columns().get(column).header());
            one.put("kind", figure.columns().get(column).kind().name().toLowerCase(Locale.ROOT));
            one.put("values", rows.stream().map(r -> r.get(column) == null ? null : decimal(r.get(column))).toList());
            series.add(one);
        }
        spec.put("series", series);
        spec.put("language", locale.getLanguage());
        try {
            return json.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return BigDecimal.valueOf(n.doubleValue());
        }
        return new BigDecimal(value.toString());
    }

}

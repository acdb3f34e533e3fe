package fi.silta.dashboard;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import fi.silta.web.ExcelCsv;

/**
 * The managers' dashboards (readable by coordinators and decision makers too: SecurityConfig), each
 * figure a chart with its table beside it and its rows as CSV.
 */
@Controller
public class DashboardController {

    private final List<DashboardPage> pages;
    private final DashboardCharts charts;

    public DashboardController(List<DashboardPage> pages, DashboardCharts charts) {
        this.pages = pages.stream().sorted(Comparator.comparingInt(DashboardPage::order)).toList();
        this.charts = charts;
    }

    public List<DashboardPage> pages() {
        return pages;
    }

    @GetMapping("/staff/dashboards")
    String index(Model model) {
        model.addAttribute("pages", pages);
        return "dashboard/index";
    }

    @GetMapping("/staff/dashboards/{key:[a-z-]+}")
    String page(@PathVariable String key, @RequestParam Map<String, String> parameters, Locale locale,
            Authentication reader, Model model) {
        DashboardPage page = page(key);
        Dashboard dashboard = page.dashboard(parameters, locale)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND))
                .forReader(reader.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
        model.addAttribute("page", page);
        model.addAttribute("pages", pages);
        model.addAttribute("dashboard", dashboard);
        model.addAttribute("charts", charts);
        model.addAttribute("parameters", parameters);
        String round = parameters.get("round");
        model.addAttribute("round", round != null && round.matches("\\d{1,18}") ? round : null);
        // when the figures were read: a printout or a screenshot says so
        model.addAttribute("asOf", ClockUtil.now().toInstant());
        return "dashboard/page";
    }

    @GetMapping("/staff/dashboards/{key:[a-z-]+}/{figure:[a-z0-9-]+}.csv")
    ResponseEntity<byte[]> csv(@PathVariable String key, @PathVariable String figure,
            @RequestParam Map<String, String> parameters, Locale locale) {
        Dashboard dashboard = page(key).dashboard(parameters, locale)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Figure f = dashboard.figure(figure);
        if (f == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        byte[] body = ExcelCsv.write(f.columns().stream().map(Figure.Column::header).toList(),
                f.rows().stream().map(row -> charts.csvRow(f, row, locale)).toList());
        String round = parameters.getOrDefault("round", "");
        String name = key + "-" + figure + (round.matches("\\d{1,18}") ? "-" + round : "") + ".csv";
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(body);
    }

    private DashboardPage page(String key) {
        return pages.stream().filter(p -> p.key().equals(key)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}

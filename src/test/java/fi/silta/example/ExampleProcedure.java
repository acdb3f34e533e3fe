package fi.silta.example;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.Authentication;

import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseStaffSection;
import fi.silta.cases.CaseVisibility;
import fi.silta.portal.CaseActions;
import fi.silta.portal.FrontPageSection;
import fi.silta.portal.MyCasesSection;
import fi.silta.web.Section;

/**
 * A procedure that exists only in the tests, to show that a new procedure adds its parts to the
 * shared pages by implementing their section interfaces, without any change to those pages. It
 * offers one status-page action ({@value #ACTION}) on every case it has not done yet.
 */
@TestConfiguration
public class ExampleProcedure {

    public static final String ACTION = "example-remind";

    /** The cases the example action was done on. */
    public final List<String> reminded = new CopyOnWriteArrayList<>();

    static Section section(String page, String subject) {
        return new Section("example/section", Map.of("page", page, "subject", subject));
    }

    @Bean
    FrontPageSection exampleFrontPage() {
        return locale -> List.of(section("front", locale.getLanguage()));
    }

    @Bean
    MyCasesSection exampleMyCases() {
        return (email, locale) -> List.of(section("my", email));
    }

    @Bean
    CaseStaffSection exampleStaffCase() {
        return (CaseFile caseFile, CaseVisibility visibility, Authentication staff, Locale locale) -> List.of(section("staff", staff.getName()));
    }

    @Bean
    CaseActions exampleActions() {
        return new CaseActions() {
            @Override
            public List<Action> available(CaseFile caseFile) {
                return reminded.contains(caseFile.reference()) ? List.of()
                        : List.of(new Action(ACTION, "example.remind", "example.reminded"));
            }

            @Override
            public void perform(CaseFile caseFile, String name) {
                reminded.add(caseFile.reference());
            }
        };
    }
}

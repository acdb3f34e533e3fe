package fi.silta.portal;

import java.util.List;
import java.util.Locale;

/** Unsent drafts a contact can go on with, listed on "my cases" (each procedure adds its own). */
public interface DraftLinks {

    record Draft(String title, String link) {
    }

    List<Draft> draftsOf(String email, Locale locale);
}

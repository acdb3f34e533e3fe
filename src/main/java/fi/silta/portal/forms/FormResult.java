package fi.silta.portal.forms;

import java.util.List;
import java.util.Map;

import org.springframework.web.multipart.MultipartFile;

/**
 * A submission that passed validation.
 *
 * @param values typed values by key, in the form's order: String, BigDecimal (money: scale 2;
 *               number), Long (number with {@code decimalDigits: 0}), Boolean, List&lt;String&gt;
 *               (checklist), LocalDate, LocalTime, OffsetDateTime (Helsinki offset),
 *               Map&lt;String,Object&gt; (group with a path), List&lt;Map&lt;String,Object&gt;&gt;
 *               (dynamic list). A visible optional field left empty is present with null. Hidden,
 *               disabled and readonly fields are absent. {@link FormVariables#forEngine} turns them
 *               into engine-friendly variables.
 * @param files  the files chosen, by input name ({@code attachments}, {@code rows[0].receipt}); only
 *               their count has been checked (type and size are the uploads' business)
 */
public record FormResult(Map<String, Object> values, Map<String, List<MultipartFile>> files) {
}

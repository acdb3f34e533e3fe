package fi.silta.grants;

import java.util.List;

/**
 * One reviewer's scores of one application, a row per criterion of the round.
 *
 * @param reviewer the reviewer (user id); named in messages about the sheet
 */
public record ReviewSheet(String reviewer, List<CriterionScore> scores) {
}

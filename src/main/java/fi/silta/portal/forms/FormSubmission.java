package fi.silta.portal.forms;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * What a browser posted for a form: parameters named by component keys ({@code amount}; a
 * checklist repeats its key; a field of a group with a path is {@code group.field}; a field of a
 * dynamic list row is {@code rows[0].amount}) and the files of filepickers.
 * <p>
 * Two buttons change a dynamic list instead of submitting: {@code _add} (value: the list's input
 * name, e.g. {@code rows}) and {@code _remove} (value: the row, e.g. {@code rows[1]}). When
 * {@link #isRowAction()} the caller re-renders the form with this submission and validates nothing.
 */
public record FormSubmission(MultiValueMap<String, String> params, MultiValueMap<String, MultipartFile> files) {

    public static final String ADD = "_add";
    public static final String REMOVE = "_remove";

    public FormSubmission {
        params = params == null ? new LinkedMultiValueMap<>() : params;
        files = files == null ? new LinkedMultiValueMap<>() : files;
    }

    public static FormSubmission of(MultiValueMap<String, String> params) {
        return new FormSubmission(params, null);
    }

    /** The request's parameters and, for a multipart request, its files. */
    public static FormSubmission of(HttpServletRequest request) {
        MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
        for (Map.Entry<String, String[]> entry : request.getParameterMap().entrySet()) {
            params.put(entry.getKey(), List.of(entry.getValue()));
        }
        MultiValueMap<String, MultipartFile> files = request instanceof MultipartHttpServletRequest multipart
                ? multipart.getMultiFileMap() : null;
        return new FormSubmission(params, files);
    }

    /** The list to which the person asked to add a row. */
    public Optional<String> addRow() {
        return Optional.ofNullable(params.getFirst(ADD)).filter(s -> !s.isBlank());
    }

    /** The row the person asked to remove, e.g. {@code rows[1]}. */
    public Optional<String> removeRow() {
        return Optional.ofNullable(params.getFirst(REMOVE)).filter(s -> !s.isBlank());
    }

    public boolean isRowAction() {
        return addRow().isPresent() || removeRow().isPresent();
    }

    /** The first value of a parameter, or null. */
    public String first(String name) {
        return params.getFirst(name);
    }

    public List<String> all(String name) {
        List<String> values = params.get(name);
        return values == null ? List.of() : values;
    }

    /** The files actually chosen under a name (browsers send an empty part when none was chosen). */
    public List<MultipartFile> chosenFiles(String name) {
        List<MultipartFile> parts = files.get(name);
        if (parts == null) {
            return List.of();
        }
        return parts.stream().filter(f -> f != null && f.getOriginalFilename() != null && !f.getOriginalFilename().isBlank()).toList();
    }
}

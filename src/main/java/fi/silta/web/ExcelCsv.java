package fi.silta.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * CSV as Excel in Finland opens it with a double click: UTF-8 with a byte order mark (else Excel reads it
 * as Windows-1252 and breaks å, ä, ö), cells separated by semicolons (the Finnish list separator, since the
 * comma is the decimal separator), CRLF between rows, a cell quoted when it holds a semicolon, a quote or
 * a line break, and every cell a spreadsheet would take for a formula defused (built with Commons CSV).
 */
public final class ExcelCsv {

    private static final char BOM = '\ufeff';

    private ExcelCsv() {
    }

    /** The format with this header row. */
    public static CSVFormat format(List<String> header) {
        return CSVFormat.Builder.create(CSVFormat.EXCEL).setDelimiter(';').setRecordSeparator("\r\n")
                .setQuoteMode(QuoteMode.MINIMAL).setHeader(header.toArray(String[]::new)).get();
    }

    /** The header and the rows, each cell through {@link #cell}. */
    public static byte[] write(List<String> header, List<? extends List<?>> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            // the byte order mark first: the printer writes the header row as it is made
            writer.write(BOM);
            CSVPrinter printer = new CSVPrinter(writer, format(header));
            for (List<?> row : rows) {
                printer.printRecord(row.stream().map(ExcelCsv::cell).toList());
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A cell's text, safe to open in a spreadsheet: one that starts with {@code =}, {@code +}, {@code -},
     * {@code @}, a tab or a carriage return would be read as a formula (CSV injection), so it gets a leading {@code '}.
     */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }
}

package io.kefu.triage.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.triage.model.Example;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads labelled examples from CSV and JSON files and from folders of them. Rows with an empty
 * text or, in CSV, an empty label are skipped.
 */
public final class ExampleReader {

    /** Separates several labels in one CSV cell. */
    public static final String LABEL_SEPARATOR = "|";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExampleReader() {
    }

    /** The file formats understood. */
    public enum Format {
        /** CSV with a header row. */
        CSV,
        /** JSON array of objects with {@code text} and {@code intents} (or {@code labels}). */
        JSON;

        /** Parses "csv", "json" or "nlupp" (the NLU++ name for the JSON layout). */
        public static Format parse(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "csv" -> CSV;
                case "json", "nlupp" -> JSON;
                default -> throw new IllegalArgumentException("unknown format " + name);
            };
        }

        /** The format a file name suggests. */
        public static Format of(Path file) {
            return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")
                    ? JSON : CSV;
        }
    }

    /** Reads one file. */
    public static List<Example> read(Path file, Format format, CsvColumns columns)
            throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return format == Format.CSV ? readCsv(in, columns) : readJson(in);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads every {@code *.csv} and {@code *.json} file of a folder (not its sub-folders), in
     * file-name order. A missing folder has no examples.
     */
    public static List<Example> readFolder(Path folder, CsvColumns columns) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(Files::isRegularFile)
                    .filter(p -> {
                        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return name.endsWith(".csv") || name.endsWith(".json");
                    })
                    .sorted().toList();
        }
        List<Example> examples = new ArrayList<>();
        for (Path file : files) {
            examples.addAll(read(file, Format.of(file), columns));
        }
        return examples;
    }

    /** Reads CSV with a header row; a leading byte order mark is ignored. */
    public static List<Example> readCsv(InputStream in, CsvColumns columns) throws IOException {
        Reader reader = withoutBom(in);
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .get();
        List<Example> examples = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = parser.getHeaderNames();
            int text = columns.textIndex(header);
            int label = columns.labelIndex(header);
            for (CSVRecord row : parser) {
                if (row.size() <= Math.max(text, label)) {
                    continue;
                }
                String t = clean(row.get(text));
                List<String> labels = Arrays.stream(row.get(label).split("\\|"))
                        .map(ExampleReader::clean).filter(s -> !s.isEmpty()).toList();
                if (!t.isEmpty() && !labels.isEmpty()) {
                    examples.add(new Example(t, labels));
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return examples;
    }

    /**
     * Reads a JSON array of objects: {@code text} plus the labels in {@code intents} or
     * {@code labels} (array), or {@code intent} or {@code label} (string). An object with an
     * empty label array is kept as a text carrying none of the labels.
     */
    public static List<Example> readJson(InputStream in) throws IOException {
        JsonNode root = JSON.readTree(withoutBom(in));
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("expected a JSON array of {text, intents[]}");
        }
        List<Example> examples = new ArrayList<>();
        for (JsonNode item : root) {
            String text = clean(item.path("text").asText(""));
            if (text.isEmpty()) {
                continue;
            }
            List<String> labels = new ArrayList<>();
            for (String field : List.of("intents", "labels", "intent", "label")) {
                JsonNode node = item.get(field);
                if (node == null || node.isNull()) {
                    continue;
                }
                if (node.isArray()) {
                    node.forEach(v -> labels.add(clean(v.asText())));
                } else {
                    labels.add(clean(node.asText()));
                }
                break;
            }
            labels.removeIf(String::isEmpty);
            examples.add(new Example(text, labels.stream().distinct().toList()));
        }
        return examples;
    }

    private static Reader withoutBom(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        reader.mark(1);
        int first = reader.read();
        if (first != '\uFEFF' && first != -1) {
            reader.reset();
        }
        return reader;
    }

    private static String clean(String value) {
        return value == null ? "" : value.replace("\uFEFF", "").strip();
    }
}

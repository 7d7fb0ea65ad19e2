package io.kefu.tools.knowledge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.lucene.util.StringHelper;

import io.kefu.knowledge.Article;
import io.kefu.knowledge.ArticleStatus;
import io.kefu.knowledge.KnowledgeAnswer;
import io.kefu.knowledge.KnowledgeIndex;
import io.kefu.text.Language;
import io.kefu.knowledge.MarkdownRenderer;

/**
 * Command line: {@code kb-eval --data PATH [--text COL] [--label COL] [--article-share 0.5]
 * [--seed 42] [--language zh|en] [--thresholds 0.3,0.4,...]}. Measures retrieval on an intent
 * data set: one published article per intent (title = the intent's name made readable, body = a
 * deterministic share of its utterances, one per line), the remaining utterances asked as
 * questions through the same code the bot uses ({@link KnowledgeIndex#answers}). The last line
 * printed on standard output is one JSON object; progress goes to standard error.
 */
public final class KbEval {

    static final String USAGE = """
            usage: kb-eval --data PATH [--data PATH ...] [--text COL] [--label COL] [--dataset NAME]
                           [--article-share SHARE] [--seed N] [--language zh|en]
                           [--thresholds T1,T2,...] [--latency-samples N]""";

    private static final List<String> TEXT_COLUMNS = List.of("text", "utterance", "query", "sentence", "review");
    private static final List<String> LABEL_COLUMNS = List.of("label", "category", "intent", "cat");

    private KbEval() {
    }

    /** Runs the command; exits non-zero with a message on bad arguments or files. */
    public static void main(String[] args) {
        try {
            System.out.println(new ObjectMapper().writeValueAsString(run(args, System.err)));
        } catch (IllegalArgumentException e) {
            System.err.println("kb-eval: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        } catch (Exception e) {
            System.err.println("kb-eval: " + e);
            System.exit(1);
        }
    }

    /** One labelled utterance. */
    record Example(String text, String label) {
    }

    /** Builds the articles, asks the questions and returns the figures in output order. */
    static Map<String, Object> run(String[] args, PrintStream log) throws IOException {
        Arguments a = Arguments.parse(args);
        List<Example> examples = new ArrayList<>();
        for (Path data : a.data) {
            examples.addAll(read(data, a.textColumn, a.labelColumn));
        }
        Map<String, List<String>> bodies = new LinkedHashMap<>();
        Map<String, List<String>> questions = new LinkedHashMap<>();
        for (Example e : examples) {
            boolean inArticle = position(e.text(), a.seed) < a.articleShare;
            (inArticle ? bodies : questions).computeIfAbsent(e.label(), k -> new ArrayList<>()).add(e.text());
            (inArticle ? questions : bodies).computeIfAbsent(e.label(), k -> new ArrayList<>());
        }
        // an intent whose utterances all fell on the question side still gets an article
        for (Map.Entry<String, List<String>> body : bodies.entrySet()) {
            List<String> asked = questions.get(body.getKey());
            if (body.getValue().isEmpty() && asked.size() > 1) {
                body.getValue().add(asked.remove(0));
            }
        }

        Map<Long, String> labelOf = new LinkedHashMap<>();
        List<Article> articles = new ArrayList<>();
        Instant now = Instant.now();
        long id = 0;
        for (Map.Entry<String, List<String>> body : bodies.entrySet()) {
            if (body.getValue().isEmpty()) {
                continue;
            }
            String markdown = String.join("\n\n", body.getValue());
            Language language = a.language != null ? a.language : Language.detect(markdown);
            articles.add(new Article(++id, language, humanise(body.getKey()), markdown, List.of(),
                    ArticleStatus.PUBLISHED, now, now, now, null, 0));
            labelOf.put(id, body.getKey());
        }
        List<Example> asked = new ArrayList<>();
        questions.forEach((label, texts) -> {
            if (labelOf.containsValue(label)) {
                texts.forEach(t -> asked.add(new Example(t, label)));
            }
        });
        if (articles.isEmpty() || asked.isEmpty()) {
            throw new IllegalArgumentException("nothing to " + (articles.isEmpty() ? "index" : "ask")
                    + ": check --article-share and the columns");
        }
        log.printf(Locale.ROOT, "%d articles, %d questions%n", articles.size(), asked.size());

        try (KnowledgeIndex index = new KnowledgeIndex(new MarkdownRenderer())) {
            index.replaceAll(articles);
            int top1 = 0;
            int top3 = 0;
            double[] confidence = new double[asked.size()];
            boolean[] right = new boolean[asked.size()];
            for (int i = 0; i < asked.size(); i++) {
                Example q = asked.get(i);
                List<KnowledgeAnswer> answers = index.answers(q.text(), languageOf(a, q.text()), 3);
                for (int r = 0; r < answers.size(); r++) {
                    if (labelOf.get(answers.get(r).articleId()).equals(q.label())) {
                        top3++;
                        if (r == 0) {
                            top1++;
                        }
                        break;
                    }
                }
                right[i] = !answers.isEmpty() && labelOf.get(answers.get(0).articleId()).equals(q.label());
                confidence[i] = answers.isEmpty() ? 0 : answers.get(0).score();
            }
            long[] latency = latencyNanos(index, a, asked);

            Map<String, Object> out = new LinkedHashMap<>();
            out.put("dataset", a.dataset);
            out.put("articles", articles.size());
            out.put("queries", asked.size());
            out.put("hit_at_1", round((double) top1 / asked.size()));
            out.put("hit_at_3", round((double) top3 / asked.size()));
            out.put("p50_us", Math.round(latency[0] / 100.0) / 10.0);
            out.put("p99_us", Math.round(latency[1] / 100.0) / 10.0);
            out.put("auc", round(auc(confidence, right)));
            List<Map<String, Object>> thresholds = new ArrayList<>();
            for (double t : a.thresholds) {
                int answered = 0;
                int correct = 0;
                for (int i = 0; i < confidence.length; i++) {
                    if (confidence[i] >= t) {
                        answered++;
                        if (right[i]) {
                            correct++;
                        }
                    }
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("threshold", t);
                row.put("coverage", round((double) answered / confidence.length));
                row.put("precision", answered == 0 ? null : round((double) correct / answered));
                thresholds.add(row);
            }
            out.put("thresholds", thresholds);
            return out;
        }
    }

    /**
     * How well the top answer's confidence separates right from wrong answers: the probability
     * that a random right answer scores above a random wrong one (ties count half).
     */
    static double auc(double[] confidence, boolean[] right) {
        Integer[] order = new Integer[confidence.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(confidence[x], confidence[y]));
        double rankSum = 0;
        long positives = 0;
        for (int i = 0; i < order.length; ) {
            int j = i;
            while (j < order.length && confidence[order[j]] == confidence[order[i]]) {
                j++;
            }
            double meanRank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                if (right[order[k]]) {
                    rankSum += meanRank;
                    positives++;
                }
            }
            i = j;
        }
        long negatives = order.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * Per-question time of {@link KnowledgeIndex#answers} (analysis, search, confidence), one
     * thread, after a warm-up of at least 20,000 questions, over at least 10,000 timed ones:
     * {p50, p99} in nanoseconds.
     */
    private static long[] latencyNanos(KnowledgeIndex index, Arguments a, List<Example> asked) {
        List<Example> sample = asked.subList(0, Math.min(asked.size(), a.latencySamples));
        for (int warm = 0; warm < 20_000; ) {
            for (Example q : sample) {
                index.answers(q.text(), languageOf(a, q.text()), 3);
                warm++;
            }
        }
        System.gc();
        int passes = Math.max(1, Math.min(50, (10_000 + sample.size() - 1) / sample.size()));
        long[] times = new long[sample.size() * passes];
        int n = 0;
        for (int pass = 0; pass < passes; pass++) {
            for (Example q : sample) {
                long start = System.nanoTime();
                index.answers(q.text(), languageOf(a, q.text()), 3);
                times[n++] = System.nanoTime() - start;
            }
        }
        Arrays.sort(times);
        return new long[] {percentile(times, 0.50), percentile(times, 0.99)};
    }

    private static Language languageOf(Arguments a, String text) {
        return a.language != null ? a.language : Language.detect(text);
    }

    /** "card_arrival" → "Card arrival". */
    static String humanise(String label) {
        String words = label.replace('_', ' ').replace('-', ' ').strip();
        return words.isEmpty() ? label : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** A stable position in [0, 1) for a text under a seed, so the split does not depend on file order. */
    static double position(String text, long seed) {
        byte[] bytes = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).strip()
                .getBytes(StandardCharsets.UTF_8);
        int h = StringHelper.murmurhash3_x86_32(bytes, 0, bytes.length, (int) (seed ^ (seed >>> 32)));
        return Integer.toUnsignedLong(h) / 4294967296.0;
    }

    /** Reads a CSV file with a header; a byte order mark (at the start or in a cell) is ignored. */
    static List<Example> read(Path file, String textColumn, String labelColumn) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).get();
        List<Example> examples = new ArrayList<>();
        try (Reader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8)); CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = parser.getHeaderNames().stream()
                    .map(h -> clean(h).toLowerCase(Locale.ROOT)).toList();
            int text = column(header, textColumn, TEXT_COLUMNS, file);
            int label = column(header, labelColumn, LABEL_COLUMNS, file);
            for (CSVRecord row : parser) {
                if (row.size() > Math.max(text, label)) {
                    String t = clean(row.get(text));
                    String l = clean(row.get(label));
                    if (!t.isEmpty() && !l.isEmpty()) {
                        examples.add(new Example(t, l));
                    }
                }
            }
        }
        return examples;
    }

    private static int column(List<String> header, String wanted, List<String> defaults, Path file) {
        List<String> candidates = wanted != null ? List.of(wanted) : defaults;
        for (String candidate : candidates) {
            int i = header.indexOf(candidate.toLowerCase(Locale.ROOT));
            if (i >= 0) {
                return i;
            }
        }
        throw new IllegalArgumentException(file + ": no column " + candidates + " in header " + header);
    }

    private static String clean(String value) {
        return value == null ? "" : value.replace("\uFEFF", "").strip();
    }

    private static long percentile(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    /** Parsed command line. */
    private static final class Arguments {
        final List<Path> data = new ArrayList<>();
        String textColumn;
        String labelColumn;
        String dataset;
        double articleShare = 0.5;
        long seed = 42;
        Language language;
        List<Double> thresholds = List.of(0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7);
        int latencySamples = 2000;

        static Arguments parse(String[] args) {
            Arguments a = new Arguments();
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (name.equals("-h") || name.equals("--help")) {
                    throw new IllegalArgumentException("help");
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + name);
                }
                String value = args[++i];
                switch (name) {
                    case "--data" -> a.data.add(Path.of(value));
                    case "--text" -> a.textColumn = value;
                    case "--label" -> a.labelColumn = value;
                    case "--dataset" -> a.dataset = value;
                    case "--article-share" -> a.articleShare = Double.parseDouble(value);
                    case "--seed" -> a.seed = Long.parseLong(value);
                    case "--language" -> a.language = Language.parse(value)
                            .orElseThrow(() -> new IllegalArgumentException("--language must be zh or en"));
                    case "--thresholds" -> a.thresholds = Arrays.stream(value.split(","))
                            .map(s -> Double.parseDouble(s.strip())).toList();
                    case "--latency-samples" -> a.latencySamples = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            if (a.data.isEmpty()) {
                throw new IllegalArgumentException("at least one --data is required");
            }
            if (a.articleShare <= 0 || a.articleShare >= 1) {
                throw new IllegalArgumentException("--article-share must be in (0, 1)");
            }
            if (a.dataset == null) {
                Path first = a.data.get(0).toAbsolutePath();
                a.dataset = first.getParent() != null ? first.getParent().getFileName().toString()
                        : first.getFileName().toString();
            }
            return a;
        }
    }
}

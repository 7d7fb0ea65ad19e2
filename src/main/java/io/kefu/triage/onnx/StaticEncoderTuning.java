package io.kefu.triage.onnx;

import io.kefu.triage.text.TextEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * A static encoder that tunes itself to the training texts ("tokenlearn"-style, the linear
 * variant): when a classifier is trained, the full encoder reads the distinct training texts
 * (at most {@link Options#maxTexts()}, the first ones in training order; no labels), and a
 * {@link LinearMap} is fitted by ridge regression so that map(static vector) ≈ full vector.
 * The classifier is trained with, and records, the {@link TunedStaticEncoder}; the map is
 * written beside the table as {@code map-<12 hex of the table's sha-256>-<12 hex of the
 * map's>.bin}, where {@link #recorded(String)} finds it again when the model file is read. A
 * model whose map is gone or altered is refused (and retrained by the registry).
 *
 * <p>Untuned, it serves the table's vectors unchanged (the same fingerprint as the table's
 * encoder). Thread-safe; closing it closes the table's encoder.
 */
public final class StaticEncoderTuning implements TextEncoder, AutoCloseable {

    private final StaticEmbeddingEncoder base;
    private final Options options;

    /**
     * How to tune.
     *
     * @param teacher  the full encoder the static table was distilled from
     * @param mapDir   where the maps are kept (the table's folder)
     * @param maxTexts at most this many distinct training texts go through the full encoder
     *                 (about 2.4 ms each for MiniLM-L6 on one core)
     * @param ridges   values of λ of the ridge regression, relative to the mean diagonal of
     *                 XᵀX; the one whose map scores best on a tenth of the texts held out of
     *                 its fit is taken (the first under 20 texts)
     */
    public record Options(OnnxSentenceEncoder.Options teacher, Path mapDir, int maxTexts,
            List<Double> ridges) {

        public Options {
            ridges = List.copyOf(ridges);
            if (maxTexts < 1 || ridges.isEmpty() || ridges.stream().anyMatch(r -> !(r > 0))) {
                throw new IllegalArgumentException("max texts ≥ 1 and at least one λ > 0");
            }
        }
    }

    /** λ tried, relative to XᵀX's mean diagonal. */
    public static final List<Double> DEFAULT_RIDGES = List.of(1e-3, 1e-4, 1e-2, 1e-1);
    /** Default cap on the texts the full encoder reads: about half a minute of MiniLM-L6. */
    public static final int DEFAULT_MAX_TEXTS = 10_000;

    public StaticEncoderTuning(StaticEmbeddingEncoder base, Options options) {
        this.base = base;
        this.options = options;
    }

    /** The table's encoder. */
    public StaticEmbeddingEncoder base() {
        return base;
    }

    @Override
    public int dimension() {
        return base.dimension();
    }

    @Override
    public float[] encode(String text) {
        return base.encode(text);
    }

    @Override
    public String fingerprint() {
        return base.fingerprint();
    }

    @Override
    public String name() {
        return base.name();
    }

    /** Fits the map on the texts, writes it beside the table and returns the tuned encoder. */
    @Override
    public TunedStaticEncoder tunedTo(List<String> texts, Consumer<String> progress) {
        try {
            return tune(texts, progress);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tune the static table", e);
        }
    }

    TunedStaticEncoder tune(List<String> texts, Consumer<String> progress) throws IOException {
        long started = System.nanoTime();
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(texts));
        if (distinct.size() > options.maxTexts()) {
            distinct = distinct.subList(0, options.maxTexts());
        }
        int n = distinct.size();
        float[][] x = new float[n][];
        float[][] y = new float[n][];
        List<String> selected = distinct;
        try (OnnxSentenceEncoder teacher = OnnxSentenceEncoder.load(options.teacher())) {
            if (!teacher.fingerprint().equals(base.table().encoderFingerprint())) {
                throw new IOException("the static table was distilled from "
                        + base.table().encoderFingerprint() + ", not from "
                        + teacher.fingerprint());
            }
            progress.accept("tuning the static table: the full encoder reads " + n + " texts");
            IntStream.range(0, n).parallel().forEach(i -> {
                x[i] = base.encode(selected.get(i));
                y[i] = teacher.encode(selected.get(i));
            });
        }
        // λ, and how well the map generalises to texts it was not fitted on: every tenth text
        // is held out of a fit on the others
        double heldOut = Double.NaN;
        double ridge = options.ridges().get(0);
        if (n >= 20) {
            int[] held = IntStream.range(0, n).filter(i -> i % 10 == 0).toArray();
            int[] fitted = IntStream.range(0, n).filter(i -> i % 10 != 0).toArray();
            for (double candidate : options.ridges()) {
                LinearMap partial = LinearMap.fit(base.fingerprint(), pick(x, fitted),
                        pick(y, fitted), candidate);
                double score = meanCosine(partial, pick(x, held), pick(y, held));
                progress.accept(String.format(Locale.ROOT,
                        "tuning: λ %s, mean cosine %.4f on the held-out tenth", candidate,
                        score));
                if (Double.isNaN(heldOut) || score > heldOut) {
                    heldOut = score;
                    ridge = candidate;
                }
            }
        }
        LinearMap map = LinearMap.fit(base.fingerprint(), x, y, ridge);
        double cosine = meanCosine(map, x, y);
        String sha = map.sha256();
        map.write(mapFile(sha));
        double seconds = (System.nanoTime() - started) / 1e9;
        progress.accept(String.format(Locale.ROOT,
                "tuned the static table on %d texts in %.1f s: map %d → %d, λ %s, mean cosine"
                        + " to the full encoder %.4f (%.4f on a tenth held out of the fit)", n,
                seconds, map.in(), map.out(), ridge, cosine, heldOut));
        return new TunedStaticEncoder(base, map, sha,
                new TunedStaticEncoder.Report(n, seconds, cosine, heldOut));
    }

    private static float[][] pick(float[][] rows, int[] indices) {
        float[][] picked = new float[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            picked[i] = rows[indices[i]];
        }
        return picked;
    }

    private static double meanCosine(LinearMap map, float[][] x, float[][] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            float[] mapped = map.applyNormalised(x[i]);
            for (int k = 0; k < mapped.length; k++) {
                sum += (double) mapped[k] * y[i][k];
            }
        }
        return sum / x.length;
    }

    /**
     * This encoder when the fingerprint is its own; the tuning it names when its map file is
     * beside the table with that sha-256 and maps this table; {@code null} otherwise.
     */
    @Override
    public TextEncoder recorded(String fingerprint) {
        if (fingerprint.equals(fingerprint())) {
            return this;
        }
        String prefix = fingerprint() + TunedStaticEncoder.MAP;
        if (!fingerprint.startsWith(prefix)) {
            return null;
        }
        String sha = fingerprint.substring(prefix.length());
        Path file = mapFile(sha);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            LinearMap map = LinearMap.read(file, sha);
            if (!map.source().equals(fingerprint()) || map.in() != base.dimension()) {
                return null;
            }
            return new TunedStaticEncoder(base, map, sha,
                    new TunedStaticEncoder.Report(map.texts(), 0, Double.NaN, Double.NaN));
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code <mapDir>/map-<12 hex of the table's sha-256>-<12 hex of the map's>.bin}. */
    Path mapFile(String mapSha) {
        return options.mapDir().resolve("map-" + hex12(fingerprint()) + "-" + hex12(mapSha)
                + ".bin");
    }

    private static String hex12(String sha) {
        String hex = sha.substring(sha.indexOf(':') + 1);
        return hex.substring(0, Math.min(12, hex.length()));
    }

    @Override
    public void close() {
        base.close();
    }

    @Override
    public String toString() {
        return "StaticEncoderTuning[" + base + ", up to " + options.maxTexts() + " texts, λ "
                + options.ridges() + "]";
    }
}

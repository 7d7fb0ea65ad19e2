package io.kefu.triage;

import io.kefu.triage.model.EncoderMismatchException;
import io.kefu.triage.model.LabelScore;
import io.kefu.triage.model.TextClassifier;
import io.kefu.text.Language;
import io.kefu.triage.text.TextEncoder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The classical models that serve together: an intent classifier and a sentiment classifier
 * (labels {@code negative}, {@code neutral}, {@code positive}), with the version they were
 * accepted under. Immutable; the registry swaps whole instances.
 *
 * @param intents   the intent classifier
 * @param sentiment the sentiment classifier
 * @param version   identifies this pair
 * @param trainedAt when it was trained
 */
public record TriageModel(TextClassifier intents, TextClassifier sentiment, String version,
        Instant trainedAt) implements IntentClassifier {

    private static final String MAGIC = "KEFU-TRIAGE-MODEL";
    private static final int FORMAT = 1;

    public TriageModel {
        for (String label : sentiment.labels()) {
            polarityOf(label);
        }
    }

    @Override
    public List<IntentScore> rank(String text, Language language) {
        return toIntents(intents.rank(text, language));
    }

    @Override
    public List<IntentScore> predict(List<IntentScore> ranking) {
        if (!intents.multiLabel()) {
            return List.of(ranking.get(0));
        }
        List<IntentScore> chosen = ranking.stream()
                .filter(s -> s.confidence() >= intents.threshold()).toList();
        return chosen.isEmpty() ? List.of(ranking.get(0)) : chosen;
    }

    /** Sentiment of a message: the most likely class and P(positive) − P(negative). */
    public Sentiment sentiment(String text, Language language) {
        List<String> labels = sentiment.labels();
        double[] p = sentiment.probabilities(text, language);
        double score = 0;
        int best = 0;
        for (int k = 0; k < p.length; k++) {
            Sentiment.Polarity polarity = polarityOf(labels.get(k));
            if (polarity == Sentiment.Polarity.POSITIVE) {
                score += p[k];
            } else if (polarity == Sentiment.Polarity.NEGATIVE) {
                score -= p[k];
            }
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return new Sentiment(polarityOf(labels.get(best)), Math.max(-1, Math.min(1, score)));
    }

    /** Maps a sentiment training label to its class; unknown labels are an error. */
    static Sentiment.Polarity polarityOf(String label) {
        return switch (label.toLowerCase(Locale.ROOT)) {
            case "negative", "neg" -> Sentiment.Polarity.NEGATIVE;
            case "neutral", "neu" -> Sentiment.Polarity.NEUTRAL;
            case "positive", "pos" -> Sentiment.Polarity.POSITIVE;
            default -> throw new IllegalArgumentException("sentiment labels are negative, neutral"
                    + " and positive; found '" + label + "'");
        };
    }

    private static List<IntentScore> toIntents(List<LabelScore> scores) {
        return scores.stream().map(s -> new IntentScore(s.label(), s.confidence())).toList();
    }

    /** Writes the pair to a file atomically (temporary file, then rename). */
    public void save(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream raw = Files.newOutputStream(tmp);
                    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                            new GZIPOutputStream(raw)))) {
                out.writeUTF(MAGIC);
                out.writeInt(FORMAT);
                out.writeUTF(version);
                out.writeLong(trainedAt.toEpochMilli());
                intents.write(out);
                sentiment.write(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads a pair written by {@link #save(Path)} for serving without a sentence encoder. */
    public static TriageModel load(Path file) throws IOException {
        return load(file, null);
    }

    /**
     * Reads a pair written by {@link #save(Path)}. The intent classifier must have been trained
     * with exactly the given sentence encoder (same model file), or without one when none is
     * given; sentiment never uses the encoder.
     *
     * @param encoder the sentence encoder configured for intents, or {@code null}
     * @throws EncoderMismatchException when the file was trained for another encoder setting
     */
    public static TriageModel load(Path file, TextEncoder encoder) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(
                        new GZIPInputStream(raw)))) {
            if (!MAGIC.equals(in.readUTF()) || in.readInt() != FORMAT) {
                throw new IOException(file + " is not a triage model of format " + FORMAT);
            }
            String version = in.readUTF();
            Instant trainedAt = Instant.ofEpochMilli(in.readLong());
            TextClassifier intents = TextClassifier.read(in, encoder);
            if (encoder != null && intents.encoder() == null) {
                throw new EncoderMismatchException(null, encoder.fingerprint());
            }
            return new TriageModel(intents, TextClassifier.read(in), version, trainedAt);
        }
    }
}

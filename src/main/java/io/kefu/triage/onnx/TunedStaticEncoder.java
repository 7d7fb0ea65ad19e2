package io.kefu.triage.onnx;

import io.kefu.triage.text.TextEncoder;

/**
 * A static encoder tuned to the operator's texts: the static table's sentence vector carried by
 * a {@link LinearMap} into the full encoder's space, L2-normalised. Made by
 * {@link StaticEncoderTuning} when a classifier is trained; its fingerprint names both the table
 * and the map ({@code <table sha-256>+map:<map sha-256>}), so a classifier records exactly what
 * it was trained with. Thread-safe; it owns nothing to close (the table's encoder belongs to the
 * {@link StaticEncoderTuning} that made it).
 *
 * @param base    the static table's encoder
 * @param map     the fitted map
 * @param mapSha  {@code sha256:<hex>} of the map's file
 * @param report  how the fit went (for logs and reports)
 */
public record TunedStaticEncoder(StaticEmbeddingEncoder base, LinearMap map, String mapSha,
        Report report) implements TextEncoder {

    /** Separates the table's fingerprint from the map's in a tuned encoder's fingerprint. */
    static final String MAP = "+map:";

    /**
     * How the map was fitted.
     *
     * @param texts         distinct training texts the full encoder read
     * @param seconds       wall-clock time of the tuning, full encoder included
     * @param cosine        mean cosine between the tuned and the full encoder's vectors over
     *                      those texts
     * @param heldOutCosine the same for a map fitted on nine tenths of them, over the tenth
     *                      it did not see (NaN under 20 texts)
     */
    public record Report(int texts, double seconds, double cosine, double heldOutCosine) {
    }

    @Override
    public int dimension() {
        return map.out();
    }

    @Override
    public float[] encode(String text) {
        return map.applyNormalised(base.encode(text));
    }

    @Override
    public String fingerprint() {
        return base.fingerprint() + MAP + mapSha;
    }

    @Override
    public String name() {
        int hex = mapSha.indexOf(':') + 1;
        return base.name() + "+map-" + mapSha.substring(hex, Math.min(hex + 12, mapSha.length()));
    }
}

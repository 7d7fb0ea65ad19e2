package io.kefu.triage.model;

import io.kefu.triage.text.TextAnalysis;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.util.StringHelper;

/**
 * Splits examples by a hash of their normalised text, so the same text always lands on the same
 * side whatever else is in the file, duplicates never straddle the split, and a held-back part
 * stays unseen by every model trained on the other part.
 */
public final class DeterministicSplit {

    private DeterministicSplit() {
    }

    /** A stable position in [0, 1) for a text under a seed. */
    public static double position(String text, long seed) {
        byte[] bytes = TextAnalysis.normalize(text).getBytes(StandardCharsets.UTF_8);
        int h = StringHelper.murmurhash3_x86_32(bytes, 0, bytes.length, (int) (seed ^ (seed >>> 32)));
        return Integer.toUnsignedLong(h) / 4294967296.0;
    }

    /** Whether a text falls in the held-back share. */
    public static boolean heldOut(String text, double share, long seed) {
        return position(text, seed) < share;
    }

    /**
     * Two parts of a list of examples.
     *
     * @param kept     examples outside the held-back share
     * @param heldBack examples inside it
     */
    public record Parts(List<Example> kept, List<Example> heldBack) {
    }

    /** Splits examples into the kept part and the held-back share. */
    public static Parts split(List<Example> examples, double share, long seed) {
        List<Example> kept = new ArrayList<>();
        List<Example> held = new ArrayList<>();
        for (Example e : examples) {
            (heldOut(e.text(), share, seed) ? held : kept).add(e);
        }
        return new Parts(List.copyOf(kept), List.copyOf(held));
    }
}

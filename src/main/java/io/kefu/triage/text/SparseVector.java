package io.kefu.triage.text;

import java.util.Arrays;

/**
 * A feature vector as parallel arrays of ascending indices and their values.
 *
 * @param indices feature indices, ascending, no duplicates
 * @param values  the value of each index
 */
public record SparseVector(int[] indices, float[] values) {

    /** Number of non-zero entries. */
    public int size() {
        return indices.length;
    }

    /** The vector written out densely, for models whose input is a fixed-width tensor. */
    public float[] toDense(int dimension) {
        float[] dense = new float[dimension];
        for (int i = 0; i < indices.length; i++) {
            dense[indices[i]] += values[i];
        }
        return dense;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparseVector v
                && Arrays.equals(indices, v.indices) && Arrays.equals(values, v.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(indices) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "SparseVector" + Arrays.toString(indices) + "=" + Arrays.toString(values);
    }
}

package io.kefu.triage.onnx;

import java.util.Arrays;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Principal component analysis of a table's rows: centre, covariance, eigenvectors of the
 * symmetric covariance by commons-math's {@link EigenDecomposition} (Householder tridiagonal
 * reduction and QL; the matrix is only as wide as the encoder, 384 or 512, and this runs once
 * per distillation, never when serving), then projection on the k leading ones. Each axis is
 * signed so that its largest component is positive, so the same rows always give the same table
 * whatever sign the decomposition returned.
 */
final class Pca {

    private Pca() {
    }

    /**
     * Projects row-major rows of width {@code width} on their k leading principal axes.
     *
     * @return row-major rows of width k, centred
     */
    static float[] project(float[] rows, int width, int k) {
        int n = rows.length / width;
        double[] mean = new double[width];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < width; j++) {
                mean[j] += rows[r * width + j];
            }
        }
        for (int j = 0; j < width; j++) {
            mean[j] /= n;
        }
        double[][] cov = new double[width][width];
        double[] x = new double[width];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < width; j++) {
                x[j] = rows[r * width + j] - mean[j];
            }
            for (int i = 0; i < width; i++) {
                double xi = x[i];
                double[] row = cov[i];
                for (int j = i; j < width; j++) {
                    row[j] += xi * x[j];
                }
            }
        }
        for (int i = 0; i < width; i++) {
            for (int j = i; j < width; j++) {
                cov[i][j] /= n;
                cov[j][i] = cov[i][j];
            }
        }
        double[][] axes = leadingAxes(cov, k);
        float[] out = new float[n * k];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < width; j++) {
                x[j] = rows[r * width + j] - mean[j];
            }
            for (int c = 0; c < k; c++) {
                double[] axis = axes[c];
                double s = 0;
                for (int j = 0; j < width; j++) {
                    s += x[j] * axis[j];
                }
                out[r * k + c] = (float) s;
            }
        }
        return out;
    }

    /** The k unit eigenvectors of the symmetric matrix with the largest eigenvalues, largest first. */
    static double[][] leadingAxes(double[][] symmetric, int k) {
        RealMatrix matrix = new Array2DRowRealMatrix(symmetric, false);
        EigenDecomposition eigen = new EigenDecomposition(matrix);
        double[] values = eigen.getRealEigenvalues();
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        double[][] axes = new double[Math.min(k, values.length)][];
        for (int c = 0; c < axes.length; c++) {
            double[] axis = eigen.getEigenvector(order[c]).toArray();
            int largest = 0;
            for (int j = 1; j < axis.length; j++) {
                if (Math.abs(axis[j]) > Math.abs(axis[largest])) {
                    largest = j;
                }
            }
            if (axis[largest] < 0) {
                for (int j = 0; j < axis.length; j++) {
                    axis[j] = -axis[j];
                }
            }
            axes[c] = axis;
        }
        return axes;
    }
}

package io.kefu.triage.onnx;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The PCA behind the static table: commons-math's eigenvectors, ordered and signed for repeatability. */
class PcaTest {

    @Test
    void leadingAxesAreUnitEigenvectorsLargestEigenvalueFirstEachWithItsLargestComponentPositive() {
        double[][] a = symmetric(12, new Random(3));
        double[][] axes = Pca.leadingAxes(copy(a), 5);

        assertThat(axes).hasNumberOfRows(5);
        double previous = Double.POSITIVE_INFINITY;
        for (double[] v : axes) {
            double[] av = times(a, v);
            double lambda = dot(v, av);
            for (int i = 0; i < v.length; i++) {
                assertThat(av[i]).as("A·v = λ·v").isCloseTo(lambda * v[i], within(1e-9));
            }
            assertThat(dot(v, v)).isCloseTo(1, within(1e-12));
            assertThat(lambda).isLessThanOrEqualTo(previous);
            previous = lambda;
            int largest = 0;
            for (int i = 1; i < v.length; i++) {
                largest = Math.abs(v[i]) > Math.abs(v[largest]) ? i : largest;
            }
            assertThat(v[largest]).isPositive();
        }
    }

    @Test
    void theSameRowsGiveTheSameProjectionBitForBit() {
        Random random = new Random(5);
        float[] rows = new float[200 * 16];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) random.nextGaussian();
        }

        assertThat(Pca.project(rows, 16, 6)).containsExactly(Pca.project(rows.clone(), 16, 6));
    }

    private static double[][] symmetric(int n, Random random) {
        double[][] b = new double[n][n];
        for (double[] row : b) {
            for (int j = 0; j < n; j++) {
                row[j] = random.nextGaussian();
            }
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    a[i][j] += b[k][i] * b[k][j];
                }
            }
        }
        return a;
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    private static double[] times(double[][] a, double[] v) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = dot(a[i], v);
        }
        return out;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}

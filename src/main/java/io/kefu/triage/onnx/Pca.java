package io.kefu.triage.onnx;

import java.util.Arrays;

/**
 * Principal component analysis of a table's rows: centre, covariance, eigenvectors by the cyclic
 * Jacobi method (exact for a symmetric matrix, and the matrix is only as wide as the encoder,
 * 384 or 512), then projection on the k leading ones.
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
        double[][] vectors = new double[width][width];
        double[] values = jacobi(cov, vectors);
        Integer[] order = new Integer[width];
        for (int i = 0; i < width; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        float[] out = new float[n * k];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < width; j++) {
                x[j] = rows[r * width + j] - mean[j];
            }
            for (int c = 0; c < k; c++) {
                int axis = order[c];
                double s = 0;
                for (int j = 0; j < width; j++) {
                    s += x[j] * vectors[j][axis];
                }
                out[r * k + c] = (float) s;
            }
        }
        return out;
    }

    /**
     * Eigen decomposition of a symmetric matrix, which is destroyed: returns the eigenvalues;
     * column i of {@code vectors} is the eigenvector of value i.
     */
    static double[] jacobi(double[][] a, double[][] vectors) {
        int n = a.length;
        for (int i = 0; i < n; i++) {
            Arrays.fill(vectors[i], 0);
            vectors[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double diag = 0;
            for (int i = 0; i < n; i++) {
                diag += a[i][i] * a[i][i];
                for (int j = i + 1; j < n; j++) {
                    off += a[i][j] * a[i][j];
                }
            }
            if (off <= 1e-22 * diag || off == 0) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p][q];
                    if (Math.abs(apq) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = vectors[k][p];
                        double vkq = vectors[k][q];
                        vectors[k][p] = c * vkp - s * vkq;
                        vectors[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = a[i][i];
        }
        return values;
    }
}

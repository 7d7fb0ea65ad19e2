package io.kefu.triage.onnx;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * An affine map from one vector space to another, y = W·x + b, fitted by ridge regression
 * (closed form: the normal equations with λ on the diagonal, solved by commons-math's Cholesky
 * decomposition, once per training, never when serving; λ is given
 * relative to the mean diagonal of XᵀX, so it does not depend on the number of pairs). It carries a
 * static encoder's sentence vectors towards the full encoder's (see
 * {@link TunedStaticEncoder}).
 *
 * <p>File layout (big-endian): magic {@code KEFU-LINEAR-MAP}, format 1, the fingerprint of the
 * encoder whose vectors it maps (UTF), the number of texts it was fitted on, λ, input width,
 * output width, then (in + 1) × out float32: row i &lt; in is input i's weights to every
 * output, the last row the bias. The file's sha-256 identifies the map.
 *
 * @param source    fingerprint of the encoder whose vectors are mapped
 * @param texts     number of texts it was fitted on
 * @param ridge     λ, relative to the mean diagonal of XᵀX
 * @param in        input width
 * @param out       output width
 * @param weights   (in + 1) × out, row-major, the bias last
 */
public record LinearMap(String source, int texts, double ridge, int in, int out,
        float[] weights) {

    private static final String MAGIC = "KEFU-LINEAR-MAP";
    private static final int FORMAT = 1;

    public LinearMap {
        if (in < 1 || out < 1 || weights.length != (in + 1) * out) {
            throw new IllegalArgumentException("a map " + in + " → " + out + " needs "
                    + (in + 1) * out + " weights, not " + weights.length);
        }
    }

    /**
     * Fits W and b minimising Σ‖W·x + b − y‖² + λ‖(W, b)‖² over the pairs.
     *
     * @param x     [n][in] inputs
     * @param y     [n][out] targets
     * @param ridge λ &gt; 0 as a share of the mean diagonal of XᵀX (x with a 1 appended)
     */
    public static LinearMap fit(String source, float[][] x, float[][] y, double ridge) {
        if (x.length != y.length || x.length == 0 || !(ridge > 0)) {
            throw new IllegalArgumentException("needs as many targets as inputs, at least one,"
                    + " and λ > 0");
        }
        int n = x.length;
        int in = x[0].length;
        int out = y[0].length;
        int m = in + 1;
        // XᵀX (lower triangle while summing) and XᵀY, x with a 1 appended for the bias
        double[][] a = new double[m][m];
        double[][] b = new double[m][out];
        double[] row = new double[m];
        for (int t = 0; t < n; t++) {
            for (int i = 0; i < in; i++) {
                row[i] = x[t][i];
            }
            row[in] = 1;
            float[] target = y[t];
            for (int i = 0; i < m; i++) {
                double ri = row[i];
                if (ri == 0) {
                    continue;
                }
                double[] ai = a[i];
                for (int j = 0; j <= i; j++) {
                    ai[j] += ri * row[j];
                }
                double[] bi = b[i];
                for (int k = 0; k < out; k++) {
                    bi[k] += ri * target[k];
                }
            }
        }
        // λ relative to the mean diagonal of XᵀX: the same shrinkage for 600 texts or 10,000
        double trace = 0;
        for (int i = 0; i < m; i++) {
            trace += a[i][i];
        }
        double lambda = ridge * trace / m;
        for (int i = 0; i < m; i++) {
            a[i][i] += lambda;
            for (int j = 0; j < i; j++) {
                a[j][i] = a[i][j];
            }
        }
        // symmetric positive definite (λ > 0): solved by commons-math's Cholesky decomposition
        RealMatrix solution;
        try {
            solution = new CholeskyDecomposition(new Array2DRowRealMatrix(a, false)).getSolver()
                    .solve(new Array2DRowRealMatrix(b, false));
        } catch (NonPositiveDefiniteMatrixException | NonSymmetricMatrixException e) {
            throw new IllegalStateException("normal equations not positive definite", e);
        }
        float[] weights = new float[m * out];
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < out; k++) {
                weights[i * out + k] = (float) solution.getEntry(i, k);
            }
        }
        return new LinearMap(source, n, ridge, in, out, weights);
    }

    /** W·x + b, L2-normalised (zeros stay zeros: a text without a known token has no vector). */
    public float[] applyNormalised(float[] x) {
        float[] y = new float[out];
        boolean any = false;
        for (int i = 0; i < in; i++) {
            float xi = x[i];
            if (xi == 0) {
                continue;
            }
            any = true;
            int base = i * out;
            for (int k = 0; k < out; k++) {
                y[k] += xi * weights[base + k];
            }
        }
        if (!any) {
            return y;
        }
        int bias = in * out;
        double norm = 0;
        for (int k = 0; k < out; k++) {
            y[k] += weights[bias + k];
            norm += (double) y[k] * y[k];
        }
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int k = 0; k < out; k++) {
                y[k] *= scale;
            }
        }
        return y;
    }

    /** The file's bytes; equal maps give equal bytes, hence equal sha-256. */
    public byte[] bytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 4 * weights.length);
        try (DataOutputStream data = new DataOutputStream(bytes)) {
            data.writeUTF(MAGIC);
            data.writeInt(FORMAT);
            data.writeUTF(source);
            data.writeInt(texts);
            data.writeDouble(ridge);
            data.writeInt(in);
            data.writeInt(out);
            for (float w : weights) {
                data.writeFloat(w);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /** {@code sha256:<hex>} of {@link #bytes()}. */
    public String sha256() {
        return sha256(bytes());
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    /** Writes the map (through a temporary file, so a reader never sees half a map). */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, bytes());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads a map written by {@link #write(Path)}.
     *
     * @throws IOException when the file is not a map or its sha-256 is not the expected one
     */
    public static LinearMap read(Path file, String expectedSha256) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (!sha256(all).equals(expectedSha256)) {
            throw new IOException(file + " is not the map " + expectedSha256);
        }
        try (DataInputStream data = new DataInputStream(new ByteArrayInputStream(all))) {
            if (!MAGIC.equals(data.readUTF()) || data.readInt() != FORMAT) {
                throw new IOException(file + " is not a linear map of format " + FORMAT);
            }
            String source = data.readUTF();
            int texts = data.readInt();
            double ridge = data.readDouble();
            int in = data.readInt();
            int out = data.readInt();
            if (in < 1 || out < 1 || (long) (in + 1) * out * 4 > all.length) {
                throw new IOException(file + ": bad map size " + in + " × " + out);
            }
            float[] weights = new float[(in + 1) * out];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = data.readFloat();
            }
            return new LinearMap(source, texts, ridge, in, out, weights);
        }
    }
}

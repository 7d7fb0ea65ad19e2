package io.kefu.ocr.paddle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the DB detector's probability map into text boxes, as PaddleOCR's {@code DBPostProcess}
 * does: the map is binarised at {@code threshold}; each 8-connected region becomes the smallest
 * rectangle around it (convex hull and rotating calipers, over the pixel centres of the region's
 * outline); regions thinner than {@code minSize} or whose mean probability inside the rectangle is
 * below {@code boxThreshold} are dropped; the rest are grown back to the whole text ("unclip": DB
 * learns a shrunk kernel of each line, and offsetting a polygon by
 * {@code area * unclipRatio / perimeter} restores it, which for a rectangle is that distance on
 * every side); finally the boxes are scaled to the source image.
 */
final class DbPostProcessor {

    private final float threshold;
    private final double boxThreshold;
    private final double unclipRatio;
    private final double minSize;
    private final int maxCandidates;

    DbPostProcessor(float threshold, double boxThreshold, double unclipRatio, double minSize,
            int maxCandidates) {
        this.threshold = threshold;
        this.boxThreshold = boxThreshold;
        this.unclipRatio = unclipRatio;
        this.minSize = minSize;
        this.maxCandidates = maxCandidates;
    }

    /** PaddleOCR's defaults for PP-OCRv4 (threshold 0.3, box threshold 0.6, unclip 1.5, min 3). */
    static DbPostProcessor defaults() {
        return new DbPostProcessor(0.3f, 0.6, 1.5, 3, 1000);
    }

    /**
     * @param prob   the probability map, row by row, {@code mapWidth x mapHeight}
     * @param scaleX source pixels per map pixel, across
     * @param scaleY source pixels per map pixel, down
     * @return the boxes in source pixels, in the order their regions were met (top to bottom)
     */
    List<TextBox> boxes(float[] prob, int mapWidth, int mapHeight, double scaleX, double scaleY) {
        int n = mapWidth * mapHeight;
        if (prob.length < n) {
            throw new IllegalArgumentException("map holds " + prob.length + " values, not " + n);
        }
        boolean[] on = new boolean[n];
        for (int i = 0; i < n; i++) {
            on[i] = prob[i] > threshold;
        }
        boolean[] seen = new boolean[n];
        int[] stack = new int[Math.max(16, n / 8)];
        int[] rowMin = new int[mapHeight];
        int[] rowMax = new int[mapHeight];
        Arrays.fill(rowMin, Integer.MAX_VALUE);
        Arrays.fill(rowMax, -1);
        List<TextBox> out = new ArrayList<>();
        int candidates = 0;
        for (int start = 0; start < n && candidates < maxCandidates; start++) {
            if (!on[start] || seen[start]) {
                continue;
            }
            candidates++;
            // Flood the region, keeping the leftmost and rightmost pixel of each of its rows:
            // the hull's vertices are among them.
            int top = start / mapWidth;
            int bottom = top;
            int sp = 0;
            stack[sp++] = start;
            seen[start] = true;
            while (sp > 0) {
                int p = stack[--sp];
                int y = p / mapWidth;
                int x = p - y * mapWidth;
                if (x < rowMin[y]) {
                    rowMin[y] = x;
                }
                if (x > rowMax[y]) {
                    rowMax[y] = x;
                }
                bottom = Math.max(bottom, y);
                for (int dy = -1; dy <= 1; dy++) {
                    int yy = y + dy;
                    if (yy < 0 || yy >= mapHeight) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = x + dx;
                        if (xx < 0 || xx >= mapWidth) {
                            continue;
                        }
                        int q = yy * mapWidth + xx;
                        if (on[q] && !seen[q]) {
                            seen[q] = true;
                            if (sp == stack.length) {
                                stack = Arrays.copyOf(stack, stack.length * 2);
                            }
                            stack[sp++] = q;
                        }
                    }
                }
            }
            double[][] outline = new double[2 * (bottom - top + 1)][];
            int k = 0;
            for (int y = top; y <= bottom; y++) {
                if (rowMax[y] >= 0) {
                    outline[k++] = new double[] {rowMin[y], y};
                    if (rowMax[y] != rowMin[y]) {
                        outline[k++] = new double[] {rowMax[y], y};
                    }
                }
                rowMin[y] = Integer.MAX_VALUE;
                rowMax[y] = -1;
            }
            TextBox box = toBox(Arrays.copyOf(outline, k), prob, mapWidth, mapHeight, scaleX, scaleY);
            if (box != null) {
                out.add(box);
            }
        }
        return out;
    }

    private TextBox toBox(double[][] points, float[] prob, int mapWidth, int mapHeight,
            double scaleX, double scaleY) {
        TextBox rect = minAreaRect(convexHull(points));
        if (Math.min(rect.width(), rect.height()) < minSize) {
            return null;
        }
        double score = meanInside(rect, prob, mapWidth, mapHeight);
        if (score < boxThreshold) {
            return null;
        }
        double distance = rect.width() * rect.height() * unclipRatio
                / (2 * (rect.width() + rect.height()));
        double w = rect.width() + 2 * distance;
        double h = rect.height() + 2 * distance;
        if (Math.min(w, h) < minSize + 2) {
            return null;
        }
        double cos = Math.cos(rect.angle());
        double sin = Math.sin(rect.angle());
        return new TextBox(
                (rect.cx() + 0.5) * scaleX - 0.5,
                (rect.cy() + 0.5) * scaleY - 0.5,
                w * Math.hypot(cos * scaleX, sin * scaleY),
                h * Math.hypot(sin * scaleX, cos * scaleY),
                Math.atan2(sin * scaleY, cos * scaleX),
                score);
    }

    /** The mean probability over the map pixels inside {@code rect} (its outline included). */
    static double meanInside(TextBox rect, float[] prob, int mapWidth, int mapHeight) {
        int x0 = Math.max(0, (int) Math.floor(rect.left()));
        int x1 = Math.min(mapWidth - 1, (int) Math.ceil(rect.right()));
        int y0 = Math.max(0, (int) Math.floor(rect.top()));
        int y1 = Math.min(mapHeight - 1, (int) Math.ceil(rect.bottom()));
        double cos = Math.cos(rect.angle());
        double sin = Math.sin(rect.angle());
        double hw = rect.width() / 2 + 0.5;
        double hh = rect.height() / 2 + 0.5;
        double sum = 0;
        int count = 0;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double dx = x - rect.cx();
                double dy = y - rect.cy();
                if (Math.abs(dx * cos + dy * sin) <= hw && Math.abs(-dx * sin + dy * cos) <= hh) {
                    sum += prob[y * mapWidth + x];
                    count++;
                }
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    /** Andrew's monotone chain; the hull counter-clockwise (in y-down coordinates, clockwise). */
    static double[][] convexHull(double[][] points) {
        double[][] p = points.clone();
        Arrays.sort(p, (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        if (p.length < 3) {
            return p;
        }
        double[][] hull = new double[2 * p.length][];
        int k = 0;
        for (double[] pt : p) {
            while (k >= 2 && cross(hull[k - 2], hull[k - 1], pt) <= 0) {
                k--;
            }
            hull[k++] = pt;
        }
        for (int i = p.length - 2, t = k + 1; i >= 0; i--) {
            while (k >= t && cross(hull[k - 2], hull[k - 1], p[i]) <= 0) {
                k--;
            }
            hull[k++] = p[i];
        }
        return Arrays.copyOf(hull, Math.max(1, k - 1));
    }

    private static double cross(double[] o, double[] a, double[] b) {
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    }

    /**
     * The smallest-area rectangle holding the hull (one of its sides lies on a hull edge), turned
     * so that its width runs within ±45° of the horizontal. A hull of one or two points gives a
     * rectangle of height 0.
     */
    static TextBox minAreaRect(double[][] hull) {
        double bestArea = Double.MAX_VALUE;
        TextBox best = null;
        int n = hull.length;
        int edges = n < 3 ? 1 : n;
        for (int i = 0; i < edges; i++) {
            double[] a = hull[i];
            double[] b = hull[(i + 1) % n];
            double angle = n < 2 ? 0 : Math.atan2(b[1] - a[1], b[0] - a[0]);
            double cos = Math.cos(angle);
            double sin = Math.sin(angle);
            double minU = Double.MAX_VALUE;
            double maxU = -Double.MAX_VALUE;
            double minV = Double.MAX_VALUE;
            double maxV = -Double.MAX_VALUE;
            for (double[] p : hull) {
                double u = p[0] * cos + p[1] * sin;
                double v = -p[0] * sin + p[1] * cos;
                minU = Math.min(minU, u);
                maxU = Math.max(maxU, u);
                minV = Math.min(minV, v);
                maxV = Math.max(maxV, v);
            }
            double area = (maxU - minU) * (maxV - minV);
            if (area < bestArea - 1e-9) {
                bestArea = area;
                double cu = (minU + maxU) / 2;
                double cv = (minV + maxV) / 2;
                best = upright(cu * cos - cv * sin, cu * sin + cv * cos, maxU - minU, maxV - minV,
                        angle);
            }
        }
        return best;
    }

    private static TextBox upright(double cx, double cy, double w, double h, double angle) {
        double a = angle;
        // Fold the direction into (-90°, 90°], then swap the sides if it is steeper than 45°.
        while (a <= -Math.PI / 2) {
            a += Math.PI;
        }
        while (a > Math.PI / 2) {
            a -= Math.PI;
        }
        if (a > Math.PI / 4) {
            return new TextBox(cx, cy, h, w, a - Math.PI / 2, 0);
        }
        if (a <= -Math.PI / 4) {
            return new TextBox(cx, cy, h, w, a + Math.PI / 2, 0);
        }
        return new TextBox(cx, cy, w, h, a, 0);
    }
}

package io.kefu.ocr.paddle;

/**
 * A detected text region: a rectangle of {@code width x height} centred on {@code (cx, cy)}, its
 * width running along the direction {@code angle} (radians, within ±45° of the horizontal, so a
 * line written left to right has angle ≈ 0), and the detector's mean probability inside it.
 * Coordinates are pixels of the image it was found in, pixel centres at integers.
 */
record TextBox(double cx, double cy, double width, double height, double angle, double score) {

    /** The four corners: top-left, top-right, bottom-right, bottom-left. */
    double[][] corners() {
        double ux = Math.cos(angle) * width / 2;
        double uy = Math.sin(angle) * width / 2;
        double vx = -Math.sin(angle) * height / 2;
        double vy = Math.cos(angle) * height / 2;
        return new double[][] {
            {cx - ux - vx, cy - uy - vy},
            {cx + ux - vx, cy + uy - vy},
            {cx + ux + vx, cy + uy + vy},
            {cx - ux + vx, cy - uy + vy}};
    }

    double top() {
        return minOf(1);
    }

    double bottom() {
        return maxOf(1);
    }

    double left() {
        return minOf(0);
    }

    double right() {
        return maxOf(0);
    }

    private double minOf(int axis) {
        double m = Double.MAX_VALUE;
        for (double[] c : corners()) {
            m = Math.min(m, c[axis]);
        }
        return m;
    }

    private double maxOf(int axis) {
        double m = -Double.MAX_VALUE;
        for (double[] c : corners()) {
            m = Math.max(m, c[axis]);
        }
        return m;
    }
}

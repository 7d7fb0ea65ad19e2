package io.kefu.ocr.paddle;

import io.kefu.ocr.OcrLine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Puts recognised pieces in reading order: rows top to bottom, pieces in a row left to right. Two
 * pieces share a row when they overlap vertically by at least half the shorter one's height;
 * neighbours in a row closer than {@code mergeGap} times the row's height are one line (the
 * detector sometimes cuts a line at a wide space), joined with a space; pieces further apart
 * (columns, a label far from its value) stay separate lines, still in order. A merged line's
 * confidence is the mean of its pieces' weighted by their length.
 */
final class ReadingOrder {

    /** A recognised piece and where it is in the image. */
    record Piece(String text, double confidence, double left, double top, double right,
            double bottom) {

        double height() {
            return bottom - top;
        }
    }

    private ReadingOrder() {
    }

    static List<OcrLine> lines(List<Piece> pieces, double mergeGap, int imageWidth, int imageHeight) {
        List<Piece> byTop = new ArrayList<>(pieces);
        byTop.sort(Comparator.comparingDouble(p -> (p.top() + p.bottom()) / 2));
        List<List<Piece>> rows = new ArrayList<>();
        for (Piece p : byTop) {
            List<Piece> row = rows.isEmpty() ? null : rows.get(rows.size() - 1);
            if (row != null && sameRow(row, p)) {
                row.add(p);
            } else {
                List<Piece> fresh = new ArrayList<>();
                fresh.add(p);
                rows.add(fresh);
            }
        }
        List<OcrLine> out = new ArrayList<>();
        for (List<Piece> row : rows) {
            row.sort(Comparator.comparingDouble(Piece::left));
            List<Piece> run = new ArrayList<>();
            for (Piece p : row) {
                if (!run.isEmpty()) {
                    Piece last = run.get(run.size() - 1);
                    double h = Math.max(last.height(), p.height());
                    if (p.left() - last.right() > mergeGap * h) {
                        out.add(merge(run, imageWidth, imageHeight));
                        run.clear();
                    }
                }
                run.add(p);
            }
            out.add(merge(run, imageWidth, imageHeight));
        }
        return out;
    }

    private static boolean sameRow(List<Piece> row, Piece p) {
        for (Piece q : row) {
            double overlap = Math.min(q.bottom(), p.bottom()) - Math.max(q.top(), p.top());
            if (overlap >= 0.5 * Math.min(q.height(), p.height())) {
                return true;
            }
        }
        return false;
    }

    private static OcrLine merge(List<Piece> run, int imageWidth, int imageHeight) {
        StringBuilder text = new StringBuilder();
        double weighted = 0;
        int chars = 0;
        double left = Double.MAX_VALUE;
        double top = Double.MAX_VALUE;
        double right = -Double.MAX_VALUE;
        double bottom = -Double.MAX_VALUE;
        for (Piece p : run) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(p.text());
            int n = Math.max(1, p.text().length());
            weighted += p.confidence() * n;
            chars += n;
            left = Math.min(left, p.left());
            top = Math.min(top, p.top());
            right = Math.max(right, p.right());
            bottom = Math.max(bottom, p.bottom());
        }
        int x = clamp((int) Math.floor(left), imageWidth);
        int y = clamp((int) Math.floor(top), imageHeight);
        int x2 = clamp((int) Math.ceil(right), imageWidth);
        int y2 = clamp((int) Math.ceil(bottom), imageHeight);
        return new OcrLine(text.toString(), weighted / chars, x, y, Math.max(1, x2 - x),
                Math.max(1, y2 - y));
    }

    private static int clamp(int v, int size) {
        return Math.max(0, Math.min(v, size));
    }
}

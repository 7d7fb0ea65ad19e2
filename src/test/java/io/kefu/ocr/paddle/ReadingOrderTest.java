package io.kefu.ocr.paddle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kefu.ocr.OcrLine;

import java.util.List;

import org.junit.jupiter.api.Test;

class ReadingOrderTest {

    private static ReadingOrder.Piece piece(String text, double left, double top, double right,
            double bottom) {
        return new ReadingOrder.Piece(text, 0.9, left, top, right, bottom);
    }

    @Test
    void readsRowsTopToBottomAndMergesNeighboursOnARowLeftToRight() {
        List<OcrLine> lines = ReadingOrder.lines(List.of(
                piece("第二行", 10, 60, 100, 80),
                piece("world", 130, 12, 200, 31),
                piece("hello", 10, 10, 110, 30)), 1.5, 400, 200);
        assertThat(lines).extracting(OcrLine::text).containsExactly("hello world", "第二行");
        OcrLine first = lines.get(0);
        assertThat(first.x()).isEqualTo(10);
        assertThat(first.width()).isEqualTo(190);
        assertThat(first.height()).isEqualTo(21);
    }

    @Test
    void keepsFarApartPiecesOnOneRowAsSeparateLinesInOrder() {
        List<OcrLine> lines = ReadingOrder.lines(List.of(
                piece("右边", 600, 10, 660, 30),
                piece("左边", 10, 12, 70, 32)), 1.5, 800, 100);
        assertThat(lines).extracting(OcrLine::text).containsExactly("左边", "右边");
    }

    @Test
    void weightsAMergedLinesConfidenceByLength() {
        List<OcrLine> lines = ReadingOrder.lines(List.of(
                new ReadingOrder.Piece("abcd", 1.0, 0, 0, 40, 20),
                new ReadingOrder.Piece("ef", 0.4, 50, 0, 70, 20)), 1.5, 100, 100);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).confidence()).isCloseTo((4 * 1.0 + 2 * 0.4) / 6, within(1e-9));
    }
}

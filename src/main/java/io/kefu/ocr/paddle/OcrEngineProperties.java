package io.kefu.ocr.paddle;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kefu.ocr.engine.*}: how the PP-OCR engine reads an image.
 *
 * @param sideLimit       the longest side the text detector sees; larger images are scaled down
 *                        to it (PaddleOCR's default; on the evaluation set as accurate as 1280
 *                        and a fifth cheaper, docs/NLP.md "OCR")
 * @param angleClassifier whether each line is checked for being upside down (PP-OCR's v2 angle
 *                        classifier, ~2 ms a line); screenshots never are, photos may be
 * @param intraOpThreads  threads of each image's reading; 0 = the processors divided among
 *                        {@code kefu.ocr.threads} images read at once. The detector's run uses
 *                        them all; the recogniser's lines spread over them (see lineThreads)
 * @param lineThreads     lines recognised at once for one image, each run on one thread; 0 = the
 *                        image's threads; 1 = one line after the other, each run on the image's
 *                        threads (small runs leave a second thread mostly idle: a third slower
 *                        per page on 2 cores, docs/NLP.md "OCR")
 * @param dropScore       lines recognised with a lower confidence are left out
 * @param recBatch        most lines per recogniser run (lines of similar width run together);
 *                        1, the default, measured fastest on 2 cores (docs/NLP.md, "OCR")
 * @param simplifyGraph   whether the models' graphs are rewritten before they load: hard-swish
 *                        as two operators instead of four, the scalar affine blocks folded into
 *                        the convolutions beside them ({@link GraphSimplifier}; same results up
 *                        to float rounding, measured in docs/NLP.md, "OCR")
 */
@ConfigurationProperties("kefu.ocr.engine")
public record OcrEngineProperties(
        @DefaultValue("960") int sideLimit,
        @DefaultValue("false") boolean angleClassifier,
        @DefaultValue("0") int intraOpThreads,
        @DefaultValue("0.5") double dropScore,
        @DefaultValue("1") int recBatch,
        @DefaultValue("true") boolean simplifyGraph,
        @DefaultValue("0") int lineThreads) {

    public static OcrEngineProperties defaults() {
        return new OcrEngineProperties(960, false, 0, 0.5, 1, true, 0);
    }
}

package io.kefu.ocr;

import io.kefu.ocr.paddle.OcrEngineProperties;
import io.kefu.ocr.paddle.OcrModelFiles;
import io.kefu.ocr.paddle.PaddleOcrRecognizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link TextRecognizer}: PP-OCRv4 on onnxruntime, always present; it loads its models on
 * the first image it reads, so a context that reads none pays nothing.
 */
@Configuration(proxyBeanMethods = false)
class OcrConfiguration {

    @Bean(destroyMethod = "close")
    PaddleOcrRecognizer textRecognizer(OcrProperties ocr, OcrEngineProperties engine) {
        return new PaddleOcrRecognizer(OcrModelFiles.of(ocr.modelDir()), engine, ocr.threads(),
                ocr.timeout());
    }
}

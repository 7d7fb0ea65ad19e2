package io.kefu.ocr.paddle;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.kefu.ocr.OcrLine;
import io.kefu.ocr.OcrResult;
import io.kefu.ocr.OcrTimeoutException;
import io.kefu.ocr.TextRecognizer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PaddleOCR's PP-OCRv4 pipeline on onnxruntime, Chinese and English (the {@code ch} models read
 * both): {@link DetectionInput} → DB detector → {@link DbPostProcessor} → {@link LineCropper} →
 * (optionally) the angle classifier → {@link RecognitionBatches} → recogniser →
 * {@link CtcDecoder} → {@link ReadingOrder}.
 *
 * <p>The models are loaded on the first {@link #read} (a Spring context that never reads an image
 * never loads them), once; onnxruntime sessions are thread-safe, so one instance serves every
 * thread. The detector runs its operators on {@code intraOpThreads} threads (idle ones sleep
 * instead of spinning); the recogniser's runs are small (one line each), so instead of splitting
 * each run, {@code lineThreads} lines are recognised at once, one thread each: the reading thread
 * and helpers from a pool of daemon threads shared by all reads. Both use the CPU memory arena
 * (buffers are reused between runs). The graphs are simplified before they load
 * ({@link GraphSimplifier}).
 */
public final class PaddleOcrRecognizer implements TextRecognizer, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PaddleOcrRecognizer.class);
    private static final int CLS_BATCH = 6;
    private static final double REC_SPREAD = 1.2;
    private static final double MERGE_GAP = 1.5;
    private static final int CLS_WIDTH = 192;

    private final OcrModelFiles files;
    private final OcrEngineProperties engine;
    private final int intraOpThreads;
    private final int lineThreads;
    private final int parallelImages;
    private final Duration timeout;
    private final DbPostProcessor postProcessor = DbPostProcessor.defaults();
    private volatile Models models;
    private boolean closed;

    private record Models(OrtSession detector, OrtSession recogniser, OrtSession classifier,
            CtcDecoder decoder, ExecutorService lineWorkers) {
    }

    /**
     * @param parallelImages how many images are read at once (the processors are shared among them)
     * @param timeout        the most one read may take, or {@code null} for no limit
     */
    public PaddleOcrRecognizer(OcrModelFiles files, OcrEngineProperties engine, int parallelImages,
            Duration timeout) {
        this.files = files;
        this.engine = engine;
        int cores = Runtime.getRuntime().availableProcessors();
        this.intraOpThreads = engine.intraOpThreads() > 0 ? engine.intraOpThreads()
                : Math.max(1, cores / Math.max(1, parallelImages));
        this.lineThreads = engine.lineThreads() > 0 ? engine.lineThreads() : intraOpThreads;
        this.parallelImages = Math.max(1, parallelImages);
        this.timeout = timeout;
    }

    /** How many lines of one image are recognised at once. */
    public int lineThreads() {
        return lineThreads;
    }

    /** The class-path models, default settings, one image at a time, no time limit. */
    public static PaddleOcrRecognizer withDefaults() {
        return new PaddleOcrRecognizer(OcrModelFiles.classPath(), OcrEngineProperties.defaults(), 1,
                null);
    }

    @Override
    public OcrResult read(BufferedImage image) {
        long start = System.nanoTime();
        Models m = models();
        RgbImage rgb = RgbImage.of(image);
        try {
            List<TextBox> boxes = detect(m, rgb);
            check(start);
            List<RgbImage> strips = new ArrayList<>(boxes.size());
            for (TextBox box : boxes) {
                strips.add(LineCropper.crop(rgb, box));
            }
            if (m.classifier() != null && !strips.isEmpty()) {
                uprightAll(m, strips);
                check(start);
            }
            List<RecognitionBatches.Batch> batches =
                    RecognitionBatches.of(strips, Math.max(1, engine.recBatch()), REC_SPREAD);
            CtcDecoder.Decoded[][] decoded = recogniseAll(m, batches, start);
            List<ReadingOrder.Piece> pieces = new ArrayList<>();
            for (int b = 0; b < batches.size(); b++) {
                RecognitionBatches.Batch batch = batches.get(b);
                for (int k = 0; k < decoded[b].length; k++) {
                    CtcDecoder.Decoded d = decoded[b][k];
                    if (d.text().isEmpty() || d.confidence() < engine.dropScore()) {
                        continue;
                    }
                    TextBox box = boxes.get(batch.lines()[k]);
                    pieces.add(new ReadingOrder.Piece(d.text(), d.confidence(), box.left(),
                            box.top(), box.right(), box.bottom()));
                }
            }
            List<OcrLine> lines = ReadingOrder.lines(pieces, MERGE_GAP, rgb.width(), rgb.height());
            return new OcrResult(lines, (System.nanoTime() - start) / 1_000_000);
        } catch (OrtException e) {
            throw new IllegalStateException("OCR model run failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs the recogniser over every batch: one after the other, or spread over
     * {@link #lineThreads} threads (this one and helpers from the shared pool), each taking the
     * widest batch left.
     */
    private CtcDecoder.Decoded[][] recogniseAll(Models m, List<RecognitionBatches.Batch> batches,
            long start) throws OrtException {
        CtcDecoder.Decoded[][] decoded = new CtcDecoder.Decoded[batches.size()][];
        int helpers = m.lineWorkers() == null ? 0 : Math.min(lineThreads, batches.size()) - 1;
        if (helpers <= 0) {
            for (int b = 0; b < batches.size(); b++) {
                decoded[b] = recognise(m, batches.get(b));
                check(start);
            }
            return decoded;
        }
        // Widest first, so the last batches taken are the short ones and the threads end together.
        Integer[] order = new Integer[batches.size()];
        for (int b = 0; b < order.length; b++) {
            order[b] = b;
        }
        Arrays.sort(order, Comparator.comparingLong(
                (Integer b) -> (long) batches.get(b).width() * batches.get(b).lines().length).reversed());
        AtomicInteger next = new AtomicInteger();
        // Threads holding a claimed batch: the reading thread returns once none does. A helper that
        // starts late (the pool busy with other images) finds nothing left and is not waited for.
        AtomicInteger busy = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Object idle = new Object();
        Runnable work = () -> {
            while (failure.get() == null) {
                busy.incrementAndGet();
                try {
                    int i = next.getAndIncrement();
                    if (i >= order.length) {
                        return;
                    }
                    decoded[order[i]] = recognise(m, batches.get(order[i]));
                    check(start);
                } catch (OrtException | RuntimeException e) {
                    failure.compareAndSet(null, e);
                    return;
                } finally {
                    if (busy.decrementAndGet() == 0) {
                        synchronized (idle) {
                            idle.notifyAll();
                        }
                    }
                }
            }
        };
        try {
            for (int h = 0; h < helpers; h++) {
                m.lineWorkers().execute(work);
            }
        } catch (RejectedExecutionException e) {
            // closed meanwhile: this thread reads the lines left itself
        }
        work.run();
        synchronized (idle) {
            while (busy.get() > 0) {
                try {
                    idle.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure.compareAndSet(null, new IllegalStateException("interrupted while reading an image", e));
                    break;
                }
            }
        }
        Throwable failed = failure.get();
        if (failed instanceof OrtException e) {
            throw e;
        }
        if (failed instanceof RuntimeException e) {
            throw e;
        }
        return decoded;
    }

    private void check(long start) {
        if (timeout != null) {
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            if (elapsed > timeout.toMillis()) {
                throw new OcrTimeoutException(timeout, elapsed);
            }
        }
    }

    private List<TextBox> detect(Models m, RgbImage rgb) throws OrtException {
        DetectionInput in = DetectionInput.of(rgb, engine.sideLimit());
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        String input = m.detector().getInputNames().iterator().next();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(in.data()), in.shape());
             OrtSession.Result result = m.detector().run(Map.of(input, tensor))) {
            float[] prob = floats(result);
            return postProcessor.boxes(prob, in.width(), in.height(), in.scaleX(), in.scaleY());
        }
    }

    private void uprightAll(Models m, List<RgbImage> strips) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        String input = m.classifier().getInputNames().iterator().next();
        int h = RecognitionBatches.HEIGHT;
        int plane = h * CLS_WIDTH;
        for (int from = 0; from < strips.size(); from += CLS_BATCH) {
            int n = Math.min(CLS_BATCH, strips.size() - from);
            float[] data = new float[n * 3 * plane];
            for (int k = 0; k < n; k++) {
                RgbImage s = strips.get(from + k);
                int w = Math.min(CLS_WIDTH, RecognitionBatches.scaledWidth(s));
                RgbImage scaled = s.resize(w, h);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int p = scaled.rgb(x, y);
                        int at = k * 3 * plane + y * CLS_WIDTH + x;
                        data[at] = (p & 0xff) / 127.5f - 1f;
                        data[at + plane] = ((p >> 8) & 0xff) / 127.5f - 1f;
                        data[at + 2 * plane] = ((p >> 16) & 0xff) / 127.5f - 1f;
                    }
                }
            }
            try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(data),
                    new long[] {n, 3, h, CLS_WIDTH});
                 OrtSession.Result result = m.classifier().run(Map.of(input, tensor))) {
                float[] out = floats(result);
                for (int k = 0; k < n; k++) {
                    if (out[2 * k + 1] > out[2 * k] && out[2 * k + 1] > 0.9f) {
                        strips.set(from + k, strips.get(from + k).rotate180());
                    }
                }
            }
        }
    }

    private CtcDecoder.Decoded[] recognise(Models m, RecognitionBatches.Batch batch)
            throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        String input = m.recogniser().getInputNames().iterator().next();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(batch.data()),
                batch.shape());
             OrtSession.Result result = m.recogniser().run(Map.of(input, tensor))) {
            OnnxTensor out = (OnnxTensor) result.get(0);
            long[] shape = out.getInfo().getShape();
            int steps = (int) shape[1];
            int classes = (int) shape[2];
            if (classes != m.decoder().classCount()) {
                throw new IllegalStateException("the recogniser outputs " + classes
                        + " classes but the dictionary has " + m.decoder().classCount());
            }
            float[] probs = floats(result);
            CtcDecoder.Decoded[] decoded = new CtcDecoder.Decoded[batch.lines().length];
            for (int k = 0; k < decoded.length; k++) {
                decoded[k] = m.decoder().decode(probs, k * steps * classes, steps);
            }
            return decoded;
        }
    }

    private static float[] floats(OrtSession.Result result) {
        FloatBuffer buffer = ((OnnxTensor) result.get(0)).getFloatBuffer();
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    /** Whether the models have been loaded (by a first read). */
    public boolean loaded() {
        return models != null;
    }

    private Models models() {
        Models m = models;
        if (m != null) {
            return m;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the OCR engine is closed");
            }
            if (models == null) {
                models = load();
            }
            return models;
        }
    }

    private Models load() {
        long start = System.nanoTime();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<OrtSession> opened = new ArrayList<>();
        // Lines read at once run on one thread each; one line at a time runs on them all.
        int recThreads = lineThreads > 1 ? 1 : intraOpThreads;
        try (OrtSession.SessionOptions so = options(intraOpThreads);
             OrtSession.SessionOptions recOptions = options(recThreads)) {
            OrtSession det = env.createSession(model(OcrModelFiles.DETECTOR), so);
            opened.add(det);
            OrtSession rec = env.createSession(model(OcrModelFiles.RECOGNISER), recOptions);
            opened.add(rec);
            OrtSession cls = null;
            if (engine.angleClassifier()) {
                cls = env.createSession(files.bytes(OcrModelFiles.CLASSIFIER), so);
                opened.add(cls);
            }
            CtcDecoder decoder;
            try (var in = files.open(OcrModelFiles.DICTIONARY)) {
                decoder = CtcDecoder.read(in);
            }
            ExecutorService workers = lineThreads > 1 ? lineWorkers((lineThreads - 1) * parallelImages) : null;
            log.info("OCR models loaded from {} in {} ms ({} threads per image, {} lines at once, "
                    + "graphs {}, angle classifier {})", files.describe(),
                    (System.nanoTime() - start) / 1_000_000, intraOpThreads, lineThreads,
                    engine.simplifyGraph() ? "simplified" : "as exported", cls != null ? "on" : "off");
            return new Models(det, rec, cls, decoder, workers);
        } catch (OrtException | IOException | RuntimeException e) {
            for (OrtSession s : opened) {
                closeQuietly(s);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot load the OCR models from "
                        + files.describe() + ": " + io.getMessage(), io);
            }
            throw new IllegalStateException("cannot load the OCR models from " + files.describe()
                    + ": " + e.getMessage(), e);
        }
    }

    private static OrtSession.SessionOptions options(int threads) throws OrtException {
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        so.setIntraOpNumThreads(threads);
        so.setInterOpNumThreads(1);
        so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        so.setCPUArenaAllocator(true);
        // Input shapes change with every image and line, so planned memory patterns never
        // repeat (measured slightly slower with them on); the arena reuses buffers anyway.
        so.setMemoryPatternOptimization(false);
        // Threads that wait sleep rather than spin: on a server the CPU belongs to everyone.
        so.addConfigEntry("session.intra_op.allow_spinning", "0");
        return so;
    }

    /** The helpers that recognise an image's lines beside the thread reading it (daemons). */
    private static ExecutorService lineWorkers(int threads) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ocr-lines-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** A model file's bytes, its graph simplified when {@code simplify-graph} is on. */
    private byte[] model(String file) throws IOException {
        byte[] bytes = files.bytes(file);
        if (!engine.simplifyGraph()) {
            return bytes;
        }
        GraphSimplifier.Result simplified = GraphSimplifier.simplify(bytes);
        log.debug("OCR model {} simplified: {}", file, simplified);
        return simplified.model();
    }

    @Override
    public synchronized void close() {
        closed = true;
        Models m = models;
        models = null;
        if (m != null) {
            if (m.lineWorkers() != null) {
                m.lineWorkers().shutdownNow();
            }
            closeQuietly(m.detector());
            closeQuietly(m.recogniser());
            if (m.classifier() != null) {
                closeQuietly(m.classifier());
            }
        }
    }

    private static void closeQuietly(OrtSession s) {
        try {
            s.close();
        } catch (OrtException e) {
            log.warn("closing an OCR session: {}", e.getMessage());
        }
    }
}

package io.kefu.tools.ocr;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.kefu.ocr.OcrResult;
import io.kefu.ocr.TextRecognizer;
import io.kefu.ocr.paddle.OcrEngineProperties;
import io.kefu.ocr.paddle.OcrModelFiles;
import io.kefu.ocr.paddle.PaddleOcrRecognizer;

/**
 * Command line: {@code ocr-eval [--engine paddle|tesseract] [--tesseract-lang chi_sim]
 * [--model-dir DIR] [--side-limit 960] [--angle-classifier] [--rec-batch N] [--intra-op-threads N] [--line-threads N] [--exported-graph] [--verbose] DIR [DIR ...]}. Reads every
 * {@code NAME.png} / {@code NAME.jpg} with a ground truth {@code NAME.txt} beside it (one line of
 * text per line), prints one line per image and, last, one JSON object:
 * {@code images}, {@code cer} (edit distance over reference length, whitespace-free NFKC text,
 * summed over the set), {@code line_recall} (reference lines found whole in the image's
 * whitespace-free output), {@code p50_ms} / {@code p99_ms} per image (decoding the file included;
 * the model load is timed apart as {@code load_ms}, and one drawn page read before the set as
 * {@code warmup_ms}: a server pays that first read once), peak resident memory and heap, the load
 * average; {@code cpu_ms}, the CPU time of each read (all its threads), is what to compare on a
 * shared machine. {@code --verbose} shows the lines missed and what was read. {@code --engine tesseract} runs Debian's {@code tesseract} command on the same files
 * for the baseline.
 */
public final class OcrEval {

    static final String USAGE = """
            usage: ocr-eval [--engine paddle|tesseract] [--tesseract-lang LANG] [--model-dir DIR]
                            [--side-limit PX] [--angle-classifier] [--rec-batch N] [--intra-op-threads N] [--line-threads N] [--exported-graph]
                            [--verbose] DIR [DIR ...]""";

    private OcrEval() {
    }

    public static void main(String[] args) {
        try {
            System.out.println(new ObjectMapper().writeValueAsString(run(args, System.out, System.err)));
        } catch (IllegalArgumentException e) {
            System.err.println("ocr-eval: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        } catch (Exception e) {
            System.err.println("ocr-eval: " + e);
            System.exit(1);
        }
    }

    /** One image and its ground truth. */
    record Sample(Path image, List<String> truth) {
    }

    static Map<String, Object> run(String[] args, PrintStream out, PrintStream log) throws Exception {
        String engine = "paddle";
        String tesseractLang = "chi_sim";
        String modelDir = null;
        int sideLimit = OcrEngineProperties.defaults().sideLimit();
        boolean angle = false;
        boolean verbose = false;
        int recBatch = OcrEngineProperties.defaults().recBatch();
        int intraOpThreads = OcrEngineProperties.defaults().intraOpThreads();
        boolean simplifyGraph = OcrEngineProperties.defaults().simplifyGraph();
        int lineThreads = OcrEngineProperties.defaults().lineThreads();
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--engine" -> engine = value(args, ++i, "--engine");
                case "--tesseract-lang" -> tesseractLang = value(args, ++i, "--tesseract-lang");
                case "--model-dir" -> modelDir = value(args, ++i, "--model-dir");
                case "--side-limit" -> sideLimit = Integer.parseInt(value(args, ++i, "--side-limit"));
                case "--angle-classifier" -> angle = true;
                case "--verbose" -> verbose = true;
                case "--rec-batch" -> recBatch = Integer.parseInt(value(args, ++i, "--rec-batch"));
                case "--intra-op-threads" -> intraOpThreads = Integer.parseInt(value(args, ++i, "--intra-op-threads"));
                case "--exported-graph" -> simplifyGraph = false;
                case "--line-threads" -> lineThreads = Integer.parseInt(value(args, ++i, "--line-threads"));
                default -> {
                    if (args[i].startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + args[i]);
                    }
                    dirs.add(Path.of(args[i]));
                }
            }
        }
        if (dirs.isEmpty()) {
            throw new IllegalArgumentException("no folder of images given");
        }
        if (!engine.equals("paddle") && !engine.equals("tesseract")) {
            throw new IllegalArgumentException("--engine is paddle or tesseract, not " + engine);
        }
        List<Sample> samples = samples(dirs);
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no NAME.png or NAME.jpg with a NAME.txt beside it in " + dirs);
        }
        log.printf("ocr-eval: %d images, engine %s%n", samples.size(), engine);

        TextRecognizer recognizer = null;
        PaddleOcrRecognizer paddle = null;
        long loadMs = 0;
        long warmUpMs = 0;
        if (engine.equals("paddle")) {
            paddle = new PaddleOcrRecognizer(OcrModelFiles.of(modelDir),
                    new OcrEngineProperties(sideLimit, angle, intraOpThreads, OcrEngineProperties.defaults().dropScore(),
                            recBatch, simplifyGraph, lineThreads),
                    1, null);
            long t0 = System.nanoTime();
            paddle.read(new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB)); // loads the models
            loadMs = (System.nanoTime() - t0) / 1_000_000;
            long t1 = System.nanoTime();
            paddle.read(warmUpPage());
            warmUpMs = (System.nanoTime() - t1) / 1_000_000;
            recognizer = paddle;
        }

        long edits = 0;
        long refChars = 0;
        int linesFound = 0;
        int lines = 0;
        double[] millis = new double[samples.size()];
        double[] cpuMillis = new double[samples.size()];
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            long t0 = System.nanoTime();
            long cpu0 = os.getProcessCpuTime();
            String hypothesis;
            if (recognizer != null) {
                BufferedImage image = ImageIO.read(s.image().toFile());
                if (image == null) {
                    throw new IOException("not an image: " + s.image());
                }
                OcrResult result = recognizer.read(image);
                hypothesis = result.text();
                cpuMillis[i] = (os.getProcessCpuTime() - cpu0) / 1e6;
            } else {
                double[] cpu = new double[1];
                hypothesis = tesseract(s.image(), tesseractLang, cpu);
                cpuMillis[i] = cpu[0];
            }
            millis[i] = (System.nanoTime() - t0) / 1e6;
            String ref = normalise(String.join("", s.truth()));
            String hyp = normalise(hypothesis);
            int d = editDistance(ref, hyp);
            int found = 0;
            for (String line : s.truth()) {
                String l = normalise(line);
                if (!l.isEmpty() && hyp.contains(l)) {
                    found++;
                } else if (verbose && !l.isEmpty()) {
                    out.println("  missed: " + line);
                }
            }
            if (verbose && d > 0) {
                out.println("  read:   " + hypothesis.replace("\n", "\n          "));
            }
            int count = (int) s.truth().stream().filter(l -> !normalise(l).isEmpty()).count();
            edits += d;
            refChars += ref.codePointCount(0, ref.length());
            linesFound += found;
            lines += count;
            out.printf(Locale.ROOT, "%s  cer=%.4f  lines=%d/%d  ms=%.0f  cpu_ms=%.0f%n",
                    s.image().getFileName(),
                    ref.isEmpty() ? 0.0 : (double) d / ref.codePointCount(0, ref.length()), found, count,
                    millis[i], cpuMillis[i]);
        }
        if (paddle != null) {
            paddle.close();
        }
        Arrays.sort(millis);
        Arrays.sort(cpuMillis);
        Runtime rt = Runtime.getRuntime();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("images", samples.size());
        figures.put("engine", engine.equals("paddle") ? "pp-ocrv4" : "tesseract-" + tesseractLang);
        if (engine.equals("paddle")) {
            figures.put("graph", simplifyGraph ? "simplified" : "exported");
            figures.put("line_threads", paddle.lineThreads());
        }
        figures.put("cer", round(refChars == 0 ? 0 : (double) edits / refChars));
        figures.put("line_recall", round(lines == 0 ? 0 : (double) linesFound / lines));
        figures.put("p50_ms", Math.round(percentile(millis, 0.50)));
        figures.put("p99_ms", Math.round(percentile(millis, 0.99)));
        figures.put("max_ms", Math.round(millis[millis.length - 1]));
        figures.put("p50_cpu_ms", Math.round(percentile(cpuMillis, 0.50)));
        figures.put("p99_cpu_ms", Math.round(percentile(cpuMillis, 0.99)));
        figures.put("load_ms", loadMs);
        figures.put("warmup_ms", warmUpMs);
        figures.put("ref_chars", refChars);
        figures.put("rss_peak_mb", peakRssMb());
        figures.put("heap_used_mb", (rt.totalMemory() - rt.freeMemory()) >> 20);
        figures.put("heap_max_mb", rt.maxMemory() >> 20);
        figures.put("load_average", round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        figures.put("cores", rt.availableProcessors());
        return figures;
    }

    /**
     * A page read once before the set, outside the figures: the first read of a full-size page
     * costs a third more than later ones (onnxruntime sizes its buffers and kernels, the JIT
     * compiles the pre- and post-processing), a cost a server pays once, like the model load.
     * Drawn here, with text of its own, so no image of the set is seen twice.
     */
    static BufferedImage warmUpPage() {
        BufferedImage page = new BufferedImage(1280, 800, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = page.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, page.getWidth(), page.getHeight());
        g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING,
                java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new java.awt.Color(0x20, 0x21, 0x24));
        g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 18));
        String[] lines = {"Warm-up page 0123456789", "您好，这是预热用的页面", "The quick brown fox jumps over the lazy dog",
            "客服工单系统 Kefu", "Order status: shipped, tracking number pending"};
        for (int i = 0; i < 20; i++) {
            g.drawString(lines[i % lines.length], 40 + (i % 2) * 600, 60 + (i / 2) * 70);
        }
        g.dispose();
        return page;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    static List<Sample> samples(List<Path> dirs) throws IOException {
        List<Sample> out = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("not a folder: " + dir);
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path image : files.sorted().toList()) {
                    String name = image.getFileName().toString();
                    String lower = name.toLowerCase(Locale.ROOT);
                    if (!lower.endsWith(".png") && !lower.endsWith(".jpg") && !lower.endsWith(".jpeg")) {
                        continue;
                    }
                    Path truth = image.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".txt");
                    if (Files.isRegularFile(truth)) {
                        out.add(new Sample(image, Files.readAllLines(truth, StandardCharsets.UTF_8)));
                    }
                }
            }
        }
        return out;
    }

    /** Runs {@code tesseract IMAGE - -l LANG} under {@code /usr/bin/time} for its CPU time. */
    private static String tesseract(Path image, String lang, double[] cpuMillis)
            throws IOException, InterruptedException {
        Path times = Files.createTempFile("ocr-eval", ".time");
        try {
            Process p = new ProcessBuilder("/usr/bin/time", "-f", "%U %S", "-o", times.toString(),
                    "tesseract", image.toString(), "-", "-l", lang)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] text = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("tesseract failed on " + image);
            }
            String[] userSys = Files.readString(times).trim().split("\\s+");
            cpuMillis[0] = (Double.parseDouble(userSys[userSys.length - 2])
                    + Double.parseDouble(userSys[userSys.length - 1])) * 1000;
            return new String(text, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(times);
        }
    }

    /** NFKC, then every whitespace character removed. */
    static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("\\s+", "");
    }

    /** Levenshtein distance over code points. */
    static int editDistance(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        int[] prev = new int[y.length + 1];
        int[] cur = new int[y.length + 1];
        for (int j = 0; j <= y.length; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= x.length; i++) {
            cur[0] = i;
            for (int j = 1; j <= y.length; j++) {
                int sub = prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[y.length];
    }

    private static double percentile(double[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    /** VmHWM from /proc (Linux); -1 elsewhere. */
    private static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) >> 10;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}

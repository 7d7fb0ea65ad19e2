package io.kefu.triage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * A small YAML file an operator edits while the engine runs: parsed again when its modification
 * time changes, so an edit applies to the next use; an edit that does not parse is logged and the
 * content read before stays in use. A missing file yields the empty value. Thread-safe.
 *
 * @param <T> what the file is parsed into
 */
final class WatchedYamlFile<T> {

    private static final Logger log = LoggerFactory.getLogger(WatchedYamlFile.class);

    private final Path file;
    private final Function<Object, T> parser;
    private final T empty;
    private volatile Loaded<T> loaded;

    private record Loaded<T>(FileTime modified, T value) {
    }

    /**
     * @param parser turns the loaded YAML tree into the value; throws on content it cannot use
     * @param empty  the value while the file is missing
     */
    WatchedYamlFile(Path file, Function<Object, T> parser, T empty) {
        this.file = file;
        this.parser = parser;
        this.empty = empty;
        this.loaded = new Loaded<>(null, empty);
        current();
    }

    /** The file's content as last read successfully. */
    T current() {
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(file);
        } catch (NoSuchFileException missing) {
            if (loaded.modified() != null) {
                loaded = new Loaded<>(null, empty);
            }
            return loaded.value();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (!modified.equals(loaded.modified())) {
            reload(modified);
        }
        return loaded.value();
    }

    private synchronized void reload(FileTime modified) {
        if (modified.equals(loaded.modified())) {
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            loaded = new Loaded<>(modified, parser.apply(new Yaml().load(in)));
            log.info("Read {}", file);
        } catch (IOException | RuntimeException e) {
            log.error("Cannot use {} ({}); keeping what was read before", file, e.getMessage());
            loaded = new Loaded<>(modified, loaded.value());
        }
    }
}

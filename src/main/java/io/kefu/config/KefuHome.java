package io.kefu.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The folders users edit. Each is read from {@code kefu.home} on disk; when a folder is missing
 * there (the jar runs elsewhere) the copy packed in the jar under {@code kefu/<folder>} is used.
 */
@Component
public class KefuHome {

    private final Path home;
    private final PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();

    public KefuHome(@Value("${kefu.home:.}") String home) {
        this.home = Path.of(home).toAbsolutePath().normalize();
    }

    /** The folder on disk, whether or not it exists. */
    public Path folder(String name) {
        return home.resolve(name);
    }

    /** Whether the folder exists on disk (otherwise the packed copy is used). */
    public boolean onDisk(String name) {
        return Files.isDirectory(folder(name));
    }

    /**
     * Files of a folder matching an Ant-style pattern such as {@code **}{@code /*.drl}, sorted by
     * path so that loading is repeatable.
     */
    public List<Resource> files(String folderName, String pattern) {
        String location = onDisk(folderName)
                ? folder(folderName).toUri() + pattern
                : "classpath*:kefu/" + folderName + "/" + pattern;
        try {
            return Arrays.stream(resolver.getResources(location))
                    .filter(Resource::isReadable)
                    .sorted(Comparator.comparing(KefuHome::describe))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + location, e);
        }
    }

    /** A resource's path for messages and sorting. */
    public static String describe(Resource resource) {
        try {
            return resource.getURI().toString();
        } catch (IOException e) {
            return resource.getDescription();
        }
    }

    /**
     * Replaces a file the users edit (in {@code rules/}, {@code processes/}) as one step: written to
     * a temporary file beside it, then moved over it, so a reader or a file watch never sees half of it.
     */
    public static void replace(java.nio.file.Path target, String content) throws IOException {
        java.nio.file.Files.createDirectories(target.getParent());
        java.nio.file.Path temporary = java.nio.file.Files.createTempFile(target.getParent(), ".kefu-", ".tmp");
        try {
            java.nio.file.Files.writeString(temporary, content, java.nio.charset.StandardCharsets.UTF_8);
            java.nio.file.Files.move(temporary, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            java.nio.file.Files.deleteIfExists(temporary);
        }
    }
}

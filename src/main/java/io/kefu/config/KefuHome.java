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
}

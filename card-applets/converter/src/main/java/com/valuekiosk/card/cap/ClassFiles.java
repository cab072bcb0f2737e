package com.valuekiosk.card.cap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The class files of one package, read from a class directory or a jar, sorted by internal name. */
public final class ClassFiles {

    private ClassFiles() {
    }

    /**
     * @param location       a directory of class files or a jar
     * @param packageName    internal name of the package, {@code com/valuekiosk/card/applet}
     * @return class bytes by internal class name; classes of sub-packages are not included
     */
    public static Map<String, byte[]> read(Path location, String packageName) {
        String prefix = packageName + "/";
        Map<String, byte[]> classes = new TreeMap<>();
        try {
            if (Files.isDirectory(location)) {
                Path dir = location.resolve(packageName);
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> files = Files.list(dir)) {
                        for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                            String name = prefix + file.getFileName().toString();
                            classes.put(name.substring(0, name.length() - ".class".length()), Files.readAllBytes(file));
                        }
                    }
                }
            } else {
                try (ZipFile jar = new ZipFile(location.toFile())) {
                    for (Enumeration<? extends ZipEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                        String name = entries.nextElement().getName();
                        if (name.startsWith(prefix) && name.endsWith(".class") && name.indexOf('/', prefix.length()) < 0) {
                            try (InputStream in = jar.getInputStream(jar.getEntry(name))) {
                                classes.put(name.substring(0, name.length() - ".class".length()), in.readAllBytes());
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the classes of " + packageName + " from " + location, e);
        }
        return classes;
    }
}

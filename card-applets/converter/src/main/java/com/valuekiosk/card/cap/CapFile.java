package com.valuekiosk.card.cap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A CAP file: its components by tag, each the complete component (tag, size, info), the package
 * name, and the JAR that carries them ({@code META-INF/MANIFEST.MF}, then
 * {@code <package path>/javacard/<Component>.cap} in tag order, stored, with one fixed timestamp,
 * so that the same components always give the same bytes).
 */
public final class CapFile {

    public static final int HEADER = 1, DIRECTORY = 2, APPLET = 3, IMPORT = 4, CONSTANT_POOL = 5, CLASS = 6, METHOD = 7,
            STATIC_FIELD = 8, REFERENCE_LOCATION = 9, EXPORT = 10, DESCRIPTOR = 11, DEBUG = 12;

    private static final String[] NAMES = {null, "Header", "Directory", "Applet", "Import", "ConstantPool", "Class", "Method",
        "StaticField", "RefLocation", "Export", "Descriptor", "Debug"};

    /** 1980-01-01 00:00:00, the earliest time a ZIP entry can carry. */
    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(1980, 1, 1, 0, 0, 0);

    private final String packageName;
    private final Map<Integer, byte[]> components;
    private final String manifest;

    public CapFile(String packageName, Map<Integer, byte[]> components, String manifest) {
        this.packageName = packageName;
        this.components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
        this.manifest = manifest;
    }

    public static String componentName(int tag) {
        return tag > 0 && tag < NAMES.length ? NAMES[tag] : "Custom" + tag;
    }

    /** Internal name of the package, {@code com/valuekiosk/card/applet}. */
    public String packageName() {
        return packageName;
    }

    /** Components by tag, each with its tag and size bytes. */
    public Map<Integer, byte[]> components() {
        return components;
    }

    public byte[] component(int tag) {
        return components.get(tag);
    }

    /** Minor version of the CAP format (2.1: 1, 2.2: 2), from the Header component; 1 if there is none. */
    public int formatMinor() {
        byte[] header = components.get(HEADER);
        return header == null || header.length < 8 ? 1 : header[3 + 4] & 0xFF;
    }

    /** Entries of the Directory's component_sizes: 11 in format 2.1 (Header..Descriptor), 12 from 2.2 (Debug). */
    public int directorySizeCount() {
        return formatMinor() >= 2 ? 12 : 11;
    }

    public String manifest() {
        return manifest;
    }

    public byte[] toJar() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "META-INF/MANIFEST.MF", manifest.getBytes(StandardCharsets.UTF_8));
            for (int tag = 1; tag < NAMES.length; tag++) {
                byte[] component = components.get(tag);
                if (component != null) {
                    put(zip, packageName + "/javacard/" + NAMES[tag] + ".cap", component);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Stored, not deflated: the bytes then do not depend on the zlib of the JDK that wrote them. */
    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(FIXED_TIME);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    public void write(Path file) throws IOException {
        Files.write(file, toJar());
    }

    /** Reads a CAP file: every {@code *.cap} entry under a {@code javacard/} directory, by its tag byte. */
    public static CapFile read(InputStream in) throws IOException {
        Map<Integer, byte[]> components = new LinkedHashMap<>();
        String manifest = "";
        String packageName = null;
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                byte[] content = zip.readAllBytes();
                String name = entry.getName();
                if (name.equals("META-INF/MANIFEST.MF")) {
                    manifest = new String(content, StandardCharsets.UTF_8);
                } else if (name.endsWith(".cap") && name.contains("/javacard/") && content.length > 0) {
                    packageName = name.substring(0, name.indexOf("/javacard/"));
                    components.put(content[0] & 0xFF, content);
                }
            }
        }
        if (components.isEmpty()) {
            throw new IOException("no CAP components (*.cap under a javacard/ directory) in the file");
        }
        return new CapFile(packageName, components, manifest);
    }

    public static CapFile read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }
}

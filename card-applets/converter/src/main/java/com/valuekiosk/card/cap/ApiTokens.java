package com.valuekiosk.card.cap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The binary interface of the Java Card API packages a CAP file links against: package AIDs and
 * versions, class tokens, and the tokens of methods and fields. The numbers come from the API export
 * files of the Java Card Development Kit (the resource names each export file it was read from);
 * the format of the resource is described in the module README.
 */
public final class ApiTokens {

    /** The API of Java Card 3.0.4: what every 3.0.4 or later card links. */
    public static final String RESOURCE_3_0_4 = "javacard-api-3.0.4.tokens";

    /** One API package: name ({@code javacard/framework}), AID, version. */
    public record ApiPackage(String name, byte[] aid, int major, int minor, String exportFile) {
        public String version() {
            return major + "." + minor;
        }
    }

    /** One public class or interface of an API package. */
    public record ApiClass(ApiPackage apiPackage, String name, int token, String superName, List<String> interfaces,
            List<String> flags, int inheritablePublicMethods, Map<String, ApiMember> members) {
        public boolean isInterface() {
            return flags.contains("interface");
        }
    }

    /**
     * A method ({@code virtual} or static/constructor) or field of an API class, by name and
     * descriptor; a field token of 255 is a compile-time constant, which a CAP never links.
     */
    public record ApiMember(String name, String descriptor, int token, Kind kind, List<String> flags, String constant) {
        public enum Kind { VIRTUAL_METHOD, STATIC_METHOD, FIELD }
    }

    private final Map<String, ApiPackage> packages;
    private final Map<String, ApiClass> classes;

    private ApiTokens(Map<String, ApiPackage> packages, Map<String, ApiClass> classes) {
        this.packages = Collections.unmodifiableMap(packages);
        this.classes = Collections.unmodifiableMap(classes);
    }

    /** The Java Card 3.0.4 API. */
    public static ApiTokens javaCard304() {
        try (InputStream in = ApiTokens.class.getResourceAsStream(RESOURCE_3_0_4)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE_3_0_4 + " missing");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ApiTokens parse(InputStream in) throws IOException {
        Map<String, ApiPackage> packages = new LinkedHashMap<>();
        Map<String, ApiClass> classes = new LinkedHashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String source = null;
        ApiPackage current = null;
        Map<String, ApiMember> members = null;
        int number = 0;
        for (String line; (line = reader.readLine()) != null; ) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(" ");
            try {
                switch (f[0]) {
                    case "source" -> source = f[1];
                    case "package" -> {
                        String[] version = f[3].split("\\.");
                        current = new ApiPackage(f[1], Hex.decode(f[2]), Integer.parseInt(version[0]),
                                Integer.parseInt(version[1]), source);
                        packages.put(current.name(), current);
                    }
                    case "class" -> {
                        members = new LinkedHashMap<>();
                        List<String> interfaces = f[4].equals("-") ? List.of() : List.of(f[4].split(","));
                        classes.put(f[2], new ApiClass(current, f[2], Integer.parseInt(f[1]), f[3].equals("-") ? null : f[3],
                                interfaces, List.of(f[5].split(",")), Integer.parseInt(f[6]), Collections.unmodifiableMap(members)));
                    }
                    case "v", "s" -> {
                        int paren = f[2].indexOf('(');
                        ApiMember.Kind kind = f[0].equals("v") ? ApiMember.Kind.VIRTUAL_METHOD : ApiMember.Kind.STATIC_METHOD;
                        ApiMember member = new ApiMember(f[2].substring(0, paren), f[2].substring(paren),
                                Integer.parseInt(f[1]), kind, List.of(f[3].split(",")), null);
                        members.put(member.name() + member.descriptor(), member);
                    }
                    case "f" -> {
                        ApiMember member = new ApiMember(f[2], f[3], Integer.parseInt(f[1]), ApiMember.Kind.FIELD,
                                List.of(f[4].split(",")), f.length > 5 ? f[5] : null);
                        members.put(member.name() + ":" + member.descriptor(), member);
                    }
                    default -> throw new IllegalArgumentException("unknown line kind " + f[0]);
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("token resource line " + number + ": " + line, e);
            }
        }
        return new ApiTokens(packages, classes);
    }

    public Map<String, ApiPackage> packages() {
        return packages;
    }

    /** The package of an internal class name ({@code javacard/framework/APDU}), if it is an API package. */
    public Optional<ApiPackage> packageOf(String internalClassName) {
        int slash = internalClassName.lastIndexOf('/');
        return Optional.ofNullable(slash < 0 ? null : packages.get(internalClassName.substring(0, slash)));
    }

    public Optional<ApiClass> apiClass(String internalName) {
        return Optional.ofNullable(classes.get(internalName));
    }

    public Map<String, ApiClass> classes() {
        return classes;
    }

    /**
     * A method of an API class or of its supers (a call names the class of the reference, which may
     * inherit the method), by name and descriptor.
     */
    public Optional<ApiMember> method(String owner, String name, String descriptor) {
        for (ApiClass type : lineage(owner)) {
            ApiMember member = type.members().get(name + descriptor);
            if (member != null) {
                return Optional.of(member);
            }
        }
        return Optional.empty();
    }

    /** The class in {@code owner}'s lineage that declares the method, for the constant pool reference. */
    public Optional<ApiClass> declaringClass(String owner, String name, String descriptor) {
        for (ApiClass type : lineage(owner)) {
            if (type.members().containsKey(name + descriptor)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    public Optional<ApiMember> field(String owner, String name, String descriptor) {
        for (ApiClass type : lineage(owner)) {
            ApiMember member = type.members().get(name + ":" + descriptor);
            if (member != null) {
                return Optional.of(member);
            }
        }
        return Optional.empty();
    }

    /** The class, its superclasses and (for interfaces) its superinterfaces, nearest first. */
    private List<ApiClass> lineage(String owner) {
        List<ApiClass> lineage = new ArrayList<>();
        List<String> pending = new ArrayList<>(List.of(owner));
        while (!pending.isEmpty()) {
            ApiClass type = classes.get(pending.remove(0));
            if (type == null || lineage.contains(type)) {
                continue;
            }
            lineage.add(type);
            if (type.superName() != null) {
                pending.add(type.superName());
            }
            pending.addAll(type.interfaces());
        }
        return lineage;
    }
}

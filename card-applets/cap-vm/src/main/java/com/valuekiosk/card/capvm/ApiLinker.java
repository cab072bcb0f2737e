package com.valuekiosk.card.capvm;

import com.valuekiosk.card.cap.ApiTokens;
import com.valuekiosk.card.cap.ApiTokens.ApiClass;
import com.valuekiosk.card.cap.ApiTokens.ApiMember;
import com.valuekiosk.card.cap.ApiTokens.ApiPackage;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Links the CAP's external references to the Java Card API that runs them: an imported package
 * token gives the API package (by AID), a class token its class, a method or field token its name
 * and descriptor ({@link ApiTokens}), and the name and descriptor the Java member of jcardsim's
 * classes, loaded by the class loader this linker lives in (the chip's).
 */
final class ApiLinker {

    /** A linked API method or constructor: the Java member and the Java Card types of its descriptor. */
    record ApiCall(String name, int token, Executable member, char[] parameters, char returnType, boolean isStatic) {
        /** Operand stack words the call takes: one per parameter, one more for the object of a virtual call. */
        int words() {
            return parameters.length + (isStatic || member instanceof Constructor ? 0 : 1);
        }
    }

    private final ApiTokens tokens;
    private final List<ApiPackage> imports = new ArrayList<>();
    private final ClassLoader loader;

    ApiLinker(CapPackage cap, ApiTokens tokens, ClassLoader loader) {
        this.tokens = tokens;
        this.loader = loader;
        for (CapPackage.Import imported : cap.imports) {
            ApiPackage match = tokens.packages().values().stream().filter(p -> Arrays.equals(p.aid(), imported.aid()))
                    .findFirst().orElseThrow(() -> new CapVmException("imported package " + CapPackage.hex(imported.aid())
                            + " is not a Java Card API package this interpreter links"));
            if (imported.major() != match.major() || imported.minor() > match.minor()) {
                throw new CapVmException("imported package " + match.name() + " version " + imported.major() + "."
                        + imported.minor() + " is not " + match.version() + " or an earlier minor version");
            }
            imports.add(match);
        }
    }

    /** The API class of an external class reference (high bit, package token, class token). */
    ApiClass apiClass(int classRef) {
        return apiClass((classRef >> 8) & 0x7F, classRef & 0xFF);
    }

    ApiClass apiClass(int packageToken, int classToken) {
        if (packageToken >= imports.size()) {
            throw new CapVmException("package token " + packageToken + " is not imported");
        }
        String packageName = imports.get(packageToken).name();
        return tokens.classes().values().stream()
                .filter(c -> c.apiPackage().name().equals(packageName) && c.token() == classToken).findFirst()
                .orElseThrow(() -> new CapVmException("no class token " + classToken + " in " + packageName));
    }

    /** A virtual (or interface) method token of an API class: declared there or inherited. */
    ApiCall virtualMethod(ApiClass owner, int token) {
        for (ApiClass type = owner; type != null; type = type.superName() == null ? null : tokens.apiClass(type.superName()).orElse(null)) {
            ApiCall found = virtualIn(type, token);
            if (found != null) {
                return found;
            }
            for (String superInterface : type.interfaces()) {
                ApiClass implemented = tokens.apiClass(superInterface).orElse(null);
                if (implemented != null && (found = virtualIn(implemented, token)) != null) {
                    return found;
                }
            }
        }
        throw new CapVmException("no virtual method token " + token + " in " + owner.name());
    }

    private ApiCall virtualIn(ApiClass type, int token) {
        for (ApiMember member : type.members().values()) {
            if (member.kind() == ApiMember.Kind.VIRTUAL_METHOD && member.token() == token) {
                return link(type, member);
            }
        }
        return null;
    }

    /** The virtual method of an API class by name and descriptor (jcardsim calling into an applet), and its token. */
    ApiCall virtualMethod(String owner, String name, String descriptor) {
        ApiMember member = tokens.method(owner, name, descriptor)
                .orElseThrow(() -> new CapVmException(owner + "." + name + descriptor + " is not in the API tokens"));
        return link(tokens.declaringClass(owner, name, descriptor).orElseThrow(), member);
    }

    /** A static method or constructor of an external StaticMethodref. */
    ApiCall staticMethod(int packageToken, int classToken, int token) {
        ApiClass owner = apiClass(packageToken, classToken);
        for (ApiMember member : owner.members().values()) {
            if (member.kind() == ApiMember.Kind.STATIC_METHOD && member.token() == token) {
                return link(owner, member);
            }
        }
        throw new CapVmException("no static method token " + token + " in " + owner.name());
    }

    /** A static field of an external StaticFieldref: the Java field and its Java Card type. */
    Field staticField(int packageToken, int classToken, int token) {
        ApiClass owner = apiClass(packageToken, classToken);
        for (ApiMember member : owner.members().values()) {
            if (member.kind() == ApiMember.Kind.FIELD && member.token() == token) {
                try {
                    Field field = javaClass(owner.name()).getField(member.name());
                    field.setAccessible(true);
                    return field;
                } catch (NoSuchFieldException e) {
                    throw new CapVmException(owner.name() + "." + member.name() + " is not in the API implementation", e);
                }
            }
        }
        throw new CapVmException("no static field token " + token + " in " + owner.name());
    }

    Class<?> javaClass(String internalName) {
        try {
            return Class.forName(internalName.replace('/', '.'), false, loader);
        } catch (ClassNotFoundException e) {
            throw new CapVmException(internalName + " is not in the API implementation", e);
        }
    }

    private ApiCall link(ApiClass owner, ApiMember member) {
        String descriptor = member.descriptor();
        List<Class<?>> parameterClasses = new ArrayList<>();
        StringBuilder kinds = new StringBuilder();
        int at = 1;
        while (descriptor.charAt(at) != ')') {
            int end = typeEnd(descriptor, at);
            String type = descriptor.substring(at, end);
            parameterClasses.add(javaType(type));
            kinds.append(kind(type));
            at = end;
        }
        char returnType = kind(descriptor.substring(at + 1));
        Class<?> javaOwner = javaClass(owner.name());
        Class<?>[] parameters = parameterClasses.toArray(new Class<?>[0]);
        try {
            if (member.name().equals("<init>")) {
                Constructor<?> constructor = javaOwner.getDeclaredConstructor(parameters);
                constructor.setAccessible(true);
                return new ApiCall(member.name(), member.token(), constructor, kinds.toString().toCharArray(), 'V', false);
            }
            Method method = findMethod(javaOwner, member.name(), parameters);
            method.setAccessible(true);
            return new ApiCall(member.name(), member.token(), method, kinds.toString().toCharArray(), returnType,
                    member.kind() == ApiMember.Kind.STATIC_METHOD);
        } catch (NoSuchMethodException e) {
            throw new CapVmException(owner.name() + "." + member.name() + descriptor + " is not in the API implementation", e);
        }
    }

    /** Public, protected or package methods, declared by the class or one of its superclasses or interfaces. */
    private static Method findMethod(Class<?> type, String name, Class<?>[] parameters) throws NoSuchMethodException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredMethod(name, parameters);
            } catch (NoSuchMethodException e) {
                // try the superclass
            }
        }
        return type.getMethod(name, parameters);
    }

    private static int typeEnd(String descriptor, int at) {
        int end = at;
        while (descriptor.charAt(end) == '[') {
            end++;
        }
        if (descriptor.charAt(end) == 'L') {
            end = descriptor.indexOf(';', end);
        }
        return end + 1;
    }

    /** S, B, Z, I, V, or A for a reference. */
    private static char kind(String type) {
        char first = type.charAt(0);
        return first == 'L' || first == '[' ? 'A' : first;
    }

    private Class<?> javaType(String type) {
        return switch (type.charAt(0)) {
            case 'B' -> byte.class;
            case 'S' -> short.class;
            case 'Z' -> boolean.class;
            case 'I' -> int.class;
            case 'L' -> javaClass(type.substring(1, type.length() - 1));
            case '[' -> java.lang.reflect.Array.newInstance(javaType(type.substring(1)), 0).getClass();
            default -> throw new CapVmException("type " + type + " in an API descriptor");
        };
    }
}

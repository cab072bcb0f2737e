package com.valuekiosk.card.cap;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.cap.ApiTokens.ApiMember;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;

class ApiTokensTest {

    private final ApiTokens api = ApiTokens.javaCard304();

    @Test
    void packagesHaveTheAidsAndVersionsOfJavaCard304() {
        assertThat(api.packages()).containsOnlyKeys("java/lang", "javacard/framework", "javacard/security", "javacardx/crypto");
        assertThat(Hex.encode(api.packages().get("java/lang").aid())).isEqualTo("A0000000620001");
        assertThat(Hex.encode(api.packages().get("javacard/framework").aid())).isEqualTo("A0000000620101");
        assertThat(Hex.encode(api.packages().get("javacard/security").aid())).isEqualTo("A0000000620102");
        assertThat(Hex.encode(api.packages().get("javacardx/crypto").aid())).isEqualTo("A0000000620201");
        assertThat(api.packages().values()).extracting(ApiTokens.ApiPackage::version).containsExactly("1.0", "1.5", "1.5", "1.5");
        assertThat(api.packages().get("javacard/framework").exportFile())
                .isEqualTo("exp/api_export_files_3.0.4/javacard/framework/javacard/framework.exp");
    }

    @Test
    void knownTokensAreTheExportFilesNumbers() {
        assertThat(api.apiClass("javacard/framework/Applet")).get().extracting(ApiTokens.ApiClass::token).isEqualTo(3);
        assertThat(api.apiClass("javacard/framework/Applet")).get()
                .extracting(ApiTokens.ApiClass::inheritablePublicMethods).isEqualTo(8);
        assertThat(api.method("javacard/framework/Applet", "register", "([BSB)V")).get()
                .extracting(ApiMember::token, ApiMember::kind).containsExactly(2, ApiMember.Kind.VIRTUAL_METHOD);
        assertThat(api.method("javacard/framework/ISOException", "throwIt", "(S)V")).get()
                .extracting(ApiMember::token, ApiMember::kind).containsExactly(1, ApiMember.Kind.STATIC_METHOD);
        assertThat(api.method("javacard/security/AESKey", "setKey", "([BS)V")).get()
                .extracting(ApiMember::token).isEqualTo(4);
        assertThat(api.field("javacard/framework/ISO7816", "SW_WRONG_LENGTH", "S")).get()
                .extracting(ApiMember::token, ApiMember::constant).containsExactly(255, "26368");
        // inherited: a call on CreditCardApplet's API super names the declaring class's token
        assertThat(api.declaringClass("javacard/framework/OwnerPIN", "equals", "(Ljava/lang/Object;)Z")).get()
                .extracting(ApiTokens.ApiClass::name).isEqualTo("javacard/framework/OwnerPIN");
    }

    /** Every API class, method and field the applets' class files reference has a token. */
    @Test
    void everyApiMemberTheAppletsUseResolves() {
        Set<String> used = new TreeSet<>();
        List<String> unresolved = new ArrayList<>();
        for (byte[] bytes : AppletPackage.classes().values()) {
            ClassNode node = new ClassNode();
            new ClassReader(bytes).accept(node, ClassReader.SKIP_DEBUG);
            List<String> types = new ArrayList<>(node.interfaces);
            types.add(node.superName);
            for (MethodNode method : node.methods) {
                for (TryCatchBlockNode handler : method.tryCatchBlocks) {
                    if (handler.type != null) {
                        types.add(handler.type);
                    }
                }
                for (AbstractInsnNode insn : method.instructions) {
                    if (insn instanceof MethodInsnNode call && isApi(call.owner)) {
                        used.add(call.owner + "." + call.name + call.desc);
                        if (api.method(call.owner, call.name, call.desc).isEmpty()) {
                            unresolved.add("method " + call.owner + "." + call.name + call.desc);
                        }
                    } else if (insn instanceof FieldInsnNode field && isApi(field.owner)) {
                        used.add(field.owner + "." + field.name);
                        if (api.field(field.owner, field.name, field.desc).isEmpty()) {
                            unresolved.add("field " + field.owner + "." + field.name);
                        }
                    } else if (insn instanceof TypeInsnNode type) {
                        types.add(Type.getObjectType(type.desc).getSort() == Type.ARRAY
                                ? Type.getObjectType(type.desc).getElementType().getInternalName() : type.desc);
                    }
                }
            }
            for (String type : types) {
                if (isApi(type)) {
                    used.add(type);
                    if (api.apiClass(type).isEmpty()) {
                        unresolved.add("class " + type);
                    }
                }
            }
        }

        assertThat(used).as("the scan sees the API the applets use")
                .contains("javacard/framework/Applet", "javacard/framework/Util.arrayCopyNonAtomic([BS[BSS)S",
                        "javacard/security/Signature.sign([BSS[BS)S", "javacard/framework/OwnerPIN.check([BSB)Z");
        assertThat(unresolved).isEmpty();
    }

    private boolean isApi(String internalName) {
        return internalName.startsWith("java/") || internalName.startsWith("javacard/") || internalName.startsWith("javacardx/");
    }
}

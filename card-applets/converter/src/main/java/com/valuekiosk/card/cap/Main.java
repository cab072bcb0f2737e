package com.valuekiosk.card.cap;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code valuekiosk-cap}: convert an applet package into a CAP file, dump a CAP file. */
@Command(name = "valuekiosk-cap", mixinStandardHelpOptions = true, subcommands = {Main.Convert.class, Main.Dump.class, Main.Verify.class},
        description = "Java Card CAP files of the ValueKiosk applets, without the Java Card SDK.")
public final class Main implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = execute(args, out, err);
        out.flush(); // dump prints without a final println
        err.flush();
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the command line; the exit code is 0 on success. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "convert", description = "Converts the class files of one package into a CAP file (format 2.1).")
    static final class Convert implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--classes", required = true, description = "Directory or jar with the compiled package.")
        Path classes;

        @Option(names = "--package", required = true, description = "Package name, e.g. com.valuekiosk.card.applet.")
        String packageName;

        @Option(names = "--package-aid", required = true, description = "Package AID in hex.")
        String packageAid;

        @Option(names = "--package-version", defaultValue = "1.0", description = "major.minor (default ${DEFAULT-VALUE}).")
        String version;

        @Option(names = "--applet", required = true, description = "Applet class and AID: CreditCardApplet=F0564B494F534B01.")
        List<String> applets;

        @Option(names = "--out", required = true, description = "The CAP file to write.")
        Path out;

        @Override
        public Integer call() throws Exception {
            String internal = packageName.replace('.', '/');
            List<Converter.AppletSpec> specs = new ArrayList<>();
            for (String applet : applets) {
                String[] parts = applet.split("=", 2);
                specs.add(new Converter.AppletSpec(internal + "/" + parts[0], Hex.decode(parts[1])));
            }
            String[] numbers = version.split("\\.");
            Converter.Settings settings = new Converter.Settings(internal, Hex.decode(packageAid), Integer.parseInt(numbers[0]),
                    Integer.parseInt(numbers[1]), specs);
            PrintWriter console = spec.commandLine().getOut();
            try {
                Converter.Result result = Converter.convert(ClassFiles.read(classes, internal), settings, ApiTokens.javaCard304());
                if (out.getParent() != null) {
                    Files.createDirectories(out.getParent());
                }
                result.cap().write(out);
                console.println(summary(result));
                console.println("wrote " + out);
                return 0;
            } catch (ConversionException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 1;
            }
        }
    }

    /** Component sizes (tag and size bytes included) and the instructions by kind. */
    static String summary(Converter.Result result) {
        StringBuilder text = new StringBuilder("components (bytes, with tag and size):");
        int total = 0;
        for (Map.Entry<Integer, byte[]> component : result.cap().components().entrySet()) {
            text.append(String.format("%n  %-12s %5d", CapFile.componentName(component.getKey()), component.getValue().length));
            total += component.getValue().length;
        }
        text.append(String.format("%n  %-12s %5d", "total", total));
        int read = result.jvmInstructions().values().stream().mapToInt(Integer::intValue).sum();
        text.append(String.format("%nJVM instructions read: %d", read));
        result.jvmInstructions().forEach((name, count) -> text.append(String.format("%n  %-18s %4d", name, count)));
        int written = result.bytecodes().values().stream().mapToInt(Integer::intValue).sum();
        text.append(String.format("%nJava Card instructions written: %d", written));
        result.bytecodes().forEach((name, count) -> text.append(String.format("%n  %-18s %4d", name, count)));
        return text.toString();
    }

    @Command(name = "dump", description = "Prints every component of a CAP file, field by field.")
    static final class Dump implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE.cap")
        Path file;

        @Override
        public Integer call() throws Exception {
            spec.commandLine().getOut().print(CapDumper.dump(CapFile.read(file), ApiTokens.javaCard304()));
            return 0;
        }
    }

    @Command(name = "verify", description = "Checks the structure of a CAP file; exit code 1 and one line per problem if it breaks a rule.")
    static final class Verify implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE.cap")
        Path file;

        @Override
        public Integer call() throws Exception {
            List<String> problems = CapVerifier.verify(CapFile.read(file));
            if (problems.isEmpty()) {
                spec.commandLine().getOut().println(file + ": no problems found");
                return 0;
            }
            problems.forEach(spec.commandLine().getErr()::println);
            return 1;
        }
    }
}

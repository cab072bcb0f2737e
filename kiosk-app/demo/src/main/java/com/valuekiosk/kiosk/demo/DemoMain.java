package com.valuekiosk.kiosk.demo;

import com.valuekiosk.kiosk.app.Composition;
import com.valuekiosk.kiosk.app.KioskMain;
import com.valuekiosk.kiosk.ui.Messages;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kiosk-demo}'s jar: the site kiosk's command line ({@link KioskMain}: {@code run}, {@code check-config},
 * {@code hash-attendant-code}) plus {@code demo}, the kiosk on its embedded defaults ({@link DemoKiosk}). Same
 * exit codes, same one-line errors.
 */
public final class DemoMain {

    private DemoMain() {
    }

    public static void main(String[] args) {
        KioskMain.useKioskLogging();
        System.exit(commandLine().execute(args));
    }

    /** The site kiosk's command line with {@code demo} added; tests run it in-process. */
    public static CommandLine commandLine() {
        return KioskMain.commandLine().addSubcommand("demo", new Demo())
                .addSubcommand("usability", new com.valuekiosk.kiosk.demo.usability.UsabilityCommand());
    }

    /** The languages the demo's screens may start in. */
    enum Language {
        ja(Messages.JAPANESE), en(Messages.ENGLISH);

        final Locale locale;

        Language(Locale locale) {
            this.locale = locale;
        }
    }

    @Command(name = "demo", mixinStandardHelpOptions = true,
            description = {"The kiosk on its embedded defaults: both servers in this process on loopback with a"
                    + " development PKI and H2 databases, simulated readers with the demo cards, the touch UI's 1280x800"
                    + " screen with the usability card panel beside it in one 1720x800 window, scaled down to fit a"
                    + " smaller display."})
    static final class Demo extends KioskMain.Start {

        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "Demo data: PKI (kept), databases and journal (fresh each start)"
                        + " (default: $XDG_DATA_HOME/valuekiosk/demo or ~/.local/share/valuekiosk/demo).")
        Path dataDirectory;

        @Option(names = "--language", paramLabel = "ja|en", description = "Language the screens start in (default: ${DEFAULT-VALUE}).")
        Language language = Language.ja;

        @Option(names = "--record", paramLabel = "DIR", description = "Usability mode: record each participant's session"
                + " (screens and times, touches, switches, errors, outcome; never a PIN digit) into DIR/sessions.json and"
                + " DIR/events.csv.")
        Path record;

        @Option(names = "--study", paramLabel = "NAME", description = "The study the recorded sessions belong to"
                + " (default: the name of the --record directory).")
        String study;

        @Override
        protected Composition compose() throws Exception {
            Path directory = dataDirectory != null ? dataDirectory
                    : DemoKiosk.defaultDataDirectory(System.getenv("XDG_DATA_HOME"), System.getProperty("user.home"));
            // The servers start once the menu is shown, or when the self-check asks them.
            DemoKiosk kiosk = DemoKiosk.start(directory, language.locale, DemoKiosk.ServerStart.BEHIND_MENU);
            if (record != null) {
                Path sessions = record.toAbsolutePath().normalize();
                kiosk.recordSessionsTo(sessions, study != null ? study
                        : sessions.getFileName() == null ? "study" : sessions.getFileName().toString());
            }
            spec.commandLine().getOut().println("demo kiosk: data " + kiosk.dataDirectory() + ", credit company server "
                    + kiosk.servers().creditUri() + ", e-money server " + kiosk.servers().emoneyUri());
            return kiosk;
        }
    }
}

package com.valuekiosk.kiosk.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The demo's command line, in-process and headless (Monocle, set by surefire), as CI and a person use it. */
class DemoMainTest {

    @TempDir
    Path work;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... arguments) {
        CommandLine commandLine = DemoMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(arguments);
    }

    @Test
    void theDemoSelfCheckRendersTheMenuAndFindsBothServersUp() throws Exception {
        Path png = work.resolve("check/menu.png");

        int status = run("demo", "--data-dir", work.resolve("demo").toString(), "--self-check", png.toString());

        assertThat(status).as(out + "\n" + err).isZero();
        // 1280 px of kiosk screen and the usability card panel beside it.
        assertThat(out.toString()).containsOnlyOnce("self-check OK: screen menu rendered 1720x800 to " + png)
                .contains("engine up").contains("credit=UP").contains("emoney=UP");
        assertThat(distinctColours(png)).as("a menu, not a blank picture").isGreaterThan(50);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void theDemoJarOffersTheSiteKiosksCommandsToo() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("demo").contains("run").contains("check-config").contains("hash-attendant-code");
        assertThat(run("run")).as("run still needs its configuration").isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--config=FILE'");
    }

    private static int distinctColours(Path png) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}

package com.valuekiosk.kiosk.demo.usability;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javax.imageio.ImageIO;

/**
 * The pictures of the kiosk's screens a study's sessions touched, as {@link SessionRecorder} took them: one PNG per
 * screen, language and contrast in {@code screens/} beside the sessions ({@code MENU_en.png},
 * {@code PURCHASE_ja_contrast.png}), each the kiosk screen (1280 × 800) the moment its first touch landed.
 */
public final class ScreenPictures {

    public static final String DIRECTORY = "screens";

    private ScreenPictures() {
    }

    /** Writes each picture not yet in {@code directory}. Call on the FX thread (the images are read there). */
    public static void write(Map<String, Image> pictures, Path directory) throws IOException {
        if (pictures.isEmpty()) {
            return;
        }
        Files.createDirectories(directory);
        for (Map.Entry<String, Image> picture : pictures.entrySet()) {
            Path file = directory.resolve(picture.getKey() + ".png");
            if (!Files.exists(file)) {
                ImageIO.write(toBufferedImage(picture.getValue()), "png", file.toFile());
            }
        }
    }

    static BufferedImage toBufferedImage(Image image) {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        return out;
    }
}

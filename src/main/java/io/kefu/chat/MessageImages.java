package io.kefu.chat;

import java.util.List;

/**
 * The images a customer attached to one message, read: their file names (a message sent without
 * a caption carries the file name as its text) and the text read in them, one image after another.
 */
public record MessageImages(List<String> fileNames, String text) implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    public MessageImages {
        fileNames = List.copyOf(fileNames);
        text = text == null ? "" : text;
    }

    /**
     * What the customer said with these images: their text after the message's own text, or the
     * images' text alone when the message is only the file's name.
     */
    public String joinedWith(String body) {
        if (text.isBlank()) {
            return body;
        }
        if (body == null || body.isBlank() || fileNames.contains(body.strip())) {
            return text;
        }
        return body + "\n" + text;
    }
}

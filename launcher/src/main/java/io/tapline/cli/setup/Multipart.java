package io.tapline.cli.setup;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/** A multipart/form-data body with one file part, the shape Kibana's import API reads ({@code file}). */
record Multipart(String boundary, byte[] body) {

    /** The {@code Content-Type} header that goes with the body. */
    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    static Multipart file(String field, String filename, String contentType, byte[] content) {
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        String boundary = "----tapline" + HexFormat.of().formatHex(random);
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 256);
        write(out, "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n");
        out.writeBytes(content);
        write(out, "\r\n--" + boundary + "--\r\n");
        return new Multipart(boundary, out.toByteArray());
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}

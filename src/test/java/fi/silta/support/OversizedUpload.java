package fi.silta.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * A multipart form post that says it is larger than the service takes (spring.servlet.multipart
 * .max-request-size), written by hand so that only its headers and a few bytes are sent: what a
 * browser meets when its files are too large. HttpClient will not send a length it does not send.
 */
public final class OversizedUpload {

    /** The status and the body (chunks put together) of the answer. */
    public record Answer(int status, String body) {
    }

    private OversizedUpload() {
    }

    public static Answer post(int port, String path) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAccept: text/html\r\n"
                    + "Content-Type: multipart/form-data; boundary=raja\r\nContent-Length: 200000000\r\nConnection: close\r\n\r\n"
                    + "--raja\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketException | SocketTimeoutException waiting) {
                // the answer is out; the server closes the connection, or waits for the body that never comes
            }
            byte[] bytes = answer.toByteArray();
            String head = new String(bytes, StandardCharsets.ISO_8859_1);
            int bodyAt = head.indexOf("\r\n\r\n") + 4;
            byte[] body = head.substring(0, bodyAt).toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")
                    ? unchunked(bytes, bodyAt) : Arrays.copyOfRange(bytes, bodyAt, bytes.length);
            return new Answer(Integer.parseInt(head.substring(9, 12)), new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] unchunked(byte[] message, int at) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String text = new String(message, StandardCharsets.ISO_8859_1);
        while (true) {
            int lineEnd = text.indexOf("\r\n", at);
            int size = Integer.parseInt(text.substring(at, lineEnd).strip(), 16);
            if (size == 0) {
                return body.toByteArray();
            }
            body.write(message, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}

package dev.selfheal.integrations.channels.email;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * GreenMail has no STARTTLS (greenmail#135), so tests put this in front of it: a loopback
 * SMTP front that offers STARTTLS, refuses everything else until the client upgrades, does
 * the TLS handshake with a certificate made by keytool for this run, then relays the
 * decrypted session to GreenMail's plain SMTP port. What reaches GreenMail has really
 * travelled over TLS.
 */
final class StartTlsFront implements AutoCloseable {

    private final ServerSocket server;
    private final int backendPort;
    private final SSLContext tls;
    private final AtomicInteger upgraded = new AtomicInteger();
    private final AtomicInteger refusedPlain = new AtomicInteger();
    private volatile String lastProtocol = "";

    StartTlsFront(int backendPort, Path dir) throws Exception {
        this.backendPort = backendPort;
        this.tls = context(dir);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("starttls-front").start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    int upgraded() {
        return upgraded.get();
    }

    int refusedPlain() {
        return refusedPlain.get();
    }

    String lastProtocol() {
        return lastProtocol;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> handle(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try (client; Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
            InputStream cin = client.getInputStream();
            OutputStream cout = client.getOutputStream();
            InputStream bin = backend.getInputStream();
            OutputStream bout = backend.getOutputStream();
            String line;
            do {
                line = readLine(bin);
                cout.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            } while (line.length() > 3 && line.charAt(3) == '-');
            cout.flush();
            while ((line = readLine(cin)) != null) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                if (verb.equals("EHLO") || verb.equals("HELO")) {
                    cout.write("250-front\r\n250-STARTTLS\r\n250 8BITMIME\r\n".getBytes(StandardCharsets.US_ASCII));
                } else if (line.equalsIgnoreCase("STARTTLS")) {
                    cout.write("220 2.0.0 Ready to start TLS\r\n".getBytes(StandardCharsets.US_ASCII));
                    cout.flush();
                    SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(client, null, true);
                    secure.setUseClientMode(false);
                    secure.startHandshake();
                    upgraded.incrementAndGet();
                    lastProtocol = secure.getSession().getProtocol();
                    relay(secure, backend);
                    return;
                } else if (verb.equals("QUIT")) {
                    cout.write("221 bye\r\n".getBytes(StandardCharsets.US_ASCII));
                    cout.flush();
                    return;
                } else {
                    refusedPlain.incrementAndGet();
                    cout.write("530 5.7.0 Must issue a STARTTLS command first\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                cout.flush();
            }
        } catch (IOException e) {
            // the client went away; nothing to do in a test receiver
        }
    }

    private static void relay(Socket secure, Socket backend) throws IOException {
        Thread up = Thread.ofVirtual().start(() -> copy(secure, backend));
        copy(backend, secure);
        try {
            up.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // one side closed
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException | UnsupportedOperationException e) {
                // SSLSocket: shutdownOutput unsupported; closing happens with the handler
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.US_ASCII);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.US_ASCII);
    }

    private static SSLContext context(Path dir) throws Exception {
        Path store = dir.resolve("smtp-front.p12");
        if (!Files.exists(store)) {
            Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "smtp", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                    "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", "changeit", "-keypass", "changeit")).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + out);
            }
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}

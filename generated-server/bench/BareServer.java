import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmark's floor: the JDK's own HTTP server answering every request with the same bytes as a
 * success of the reference server. Run as {@code java -Dsun.net.httpserver.nodelay=true BareServer.java PORT BODY_FILE}
 * (without nodelay every response stalls about 40 ms on Nagle's algorithm).
 */
public final class BareServer {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    byte[] body = Files.readAllBytes(Path.of(args[1]));
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    System.out.println("bare JDK HttpServer on 127.0.0.1:" + port);
  }
}

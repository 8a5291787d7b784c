import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.file.Files;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.strategies.SameThreadIOStrategy;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The benchmark's second floor: a Jersey "hello world" on the same Grizzly container and jars as the
 * reference server, answering every request with the same bytes as a success. What separates (a) from
 * this is the server's own per-request work; what separates this from (c) is the framework's.
 * Run as {@code java -cp traffic-mirror-server.jar JerseyHello.java PORT BODY_FILE}.
 */
public final class JerseyHello {
  static byte[] body;

  @Path("/")
  public static final class Hello {
    @GET
    @Produces("application/json")
    public Response get() {
      return Response.ok(body).build();
    }
  }

  public static void main(String[] args) throws Exception {
    body = Files.readAllBytes(java.nio.file.Path.of(args[1]));
    ResourceConfig rc = new ResourceConfig(Hello.class);
    rc.property(ServerProperties.WADL_FEATURE_DISABLE, true);
    // Requests answered on the I/O threads, as the reference server answers its GETs (RequestThreads).
    HttpServer server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:" + args[0] + "/"), rc, false);
    server.getListeners().forEach(l -> l.getTransport().setIOStrategy(SameThreadIOStrategy.getInstance()));
    server.start();
    System.out.println("Jersey hello on 127.0.0.1:" + args[0]);
    Thread.currentThread().join();
  }
}

import io.tmkit.server.api.TrafficMirrorApi;
import io.tmkit.server.http.PlainValidatorFactory;
import io.tmkit.server.http.TextAsSent;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.file.Files;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.strategies.SameThreadIOStrategy;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.validation.ValidationFeature;

/**
 * The benchmark's third floor: the GENERATED interface (52 {@code @QueryParam}s with their bean
 * validation annotations) on the same Jersey and Grizzly, configured as the server configures them,
 * implemented by a method that does nothing but answer the success bytes. What separates (d) from this is what the prescribed design costs
 * before any of the server's own work; what separates this from (a) is the server's work.
 * Run as {@code java -cp traffic-mirror-server.jar GeneratedInterfaceHello.java PORT BODY_FILE [validate]}.
 */
public final class GeneratedInterfaceHello implements TrafficMirrorApi {
  static byte[] body;

  @Override
  public Response createTrafficMirrorSession(String action, String version, String networkInterfaceId,
      String trafficMirrorTargetId, Integer priority, String trafficMirrorFilterId, String trafficMirrorSessionName,
      String description, Integer virtualNetworkId, Integer packetLength, String projectName,
      String tags1Key, String tags1Value, String tags2Key, String tags2Value, String tags3Key, String tags3Value,
      String tags4Key, String tags4Value, String tags5Key, String tags5Value, String tags6Key, String tags6Value,
      String tags7Key, String tags7Value, String tags8Key, String tags8Value, String tags9Key, String tags9Value,
      String tags10Key, String tags10Value, String tags11Key, String tags11Value, String tags12Key,
      String tags12Value, String tags13Key, String tags13Value, String tags14Key, String tags14Value,
      String tags15Key, String tags15Value, String tags16Key, String tags16Value, String tags17Key,
      String tags17Value, String tags18Key, String tags18Value, String tags19Key, String tags19Value,
      String tags20Key, String tags20Value, String clientToken) {
    return Response.ok(body, "application/json").build();
  }

  public static void main(String[] args) throws Exception {
    body = Files.readAllBytes(java.nio.file.Path.of(args[1]));
    ResourceConfig rc = new ResourceConfig();
    rc.register(new GeneratedInterfaceHello());
    rc.property(ServerProperties.WADL_FEATURE_DISABLE, true);
    rc.property(CommonProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
    rc.property(CommonProperties.METAINF_SERVICES_LOOKUP_DISABLE, true);
    rc.register(new TextAsSent());
    if (args.length > 2 && args[2].equals("validate")) {
      rc.register(ValidationFeature.class);
      // The server's validator configuration (its parameter-name cache comes with META-INF/validation.xml).
      rc.register(PlainValidatorFactory.class);
    } else {
      rc.property(ServerProperties.BV_FEATURE_DISABLE, true);
    }
    // Requests answered on the I/O threads, as the reference server answers its GETs (RequestThreads).
    HttpServer server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:" + args[0] + "/"), rc, false);
    server.getListeners().forEach(l -> l.getTransport().setIOStrategy(SameThreadIOStrategy.getInstance()));
    server.start();
    System.out.println("listening");
    Thread.currentThread().join();
  }
}

package io.tmkit.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tmkit.server.Admin;
import io.tmkit.server.WorldSource;
import io.tmkit.server.world.SpecReader;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The HTTP admin endpoint (only when the server has an admin token; {@link AdminGuard} checks it):
 * GET /_admin/world, PUT /_admin/world (a world document), POST /_admin/reset,
 * GET /_admin/sessions[?accountId=], POST /_admin/faults {accountId, code, phase, times}.
 */
@Path(EnvelopeStage.ADMIN_PATH)
@Produces(MediaType.APPLICATION_JSON)
public final class AdminResource {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The body of POST /_admin/faults. */
  public record FaultRequest(String accountId, String code, String phase, Integer times) {}

  private final Admin admin;

  public AdminResource(Admin admin) {
    this.admin = admin;
  }

  @GET
  @Path("world")
  public Response world() {
    return ok(admin.world());
  }

  @PUT
  @Path("world")
  @Consumes(MediaType.WILDCARD)
  public Response load(byte[] document) {
    try {
      admin.load(WorldSource.json(new String(document, StandardCharsets.UTF_8)));
      return ok(message("result", "world loaded"));
    } catch (IllegalArgumentException e) {
      return badRequest(e.getMessage());
    }
  }

  @POST
  @Path("reset")
  public Response reset() {
    admin.reset();
    return ok(message("result", "world reset"));
  }

  @GET
  @Path("sessions")
  public Response sessions(@QueryParam("accountId") String accountId) {
    try {
      return ok(accountId == null ? admin.sessions() : admin.sessions(accountId));
    } catch (IllegalArgumentException e) {
      return badRequest(e.getMessage());
    }
  }

  @POST
  @Path("faults")
  @Consumes(MediaType.WILDCARD)
  public Response fault(byte[] body) {
    try {
      FaultRequest f = SpecReader.read(body, FaultRequest.class, "fault");
      admin.injectFault(f.accountId(), f.code(), f.phase(), f.times() == null ? 1 : f.times());
      return ok(message("result", "fault armed"));
    } catch (IllegalArgumentException e) {
      return badRequest(e.getMessage());
    }
  }

  static byte[] message(String key, String text) {
    return write(Map.of(key, text == null ? "" : text));
  }

  private static Response ok(Object body) {
    return Envelopes.bytes(200, body instanceof byte[] b ? b : write(body));
  }

  private static Response badRequest(String problem) {
    return Envelopes.bytes(400, message("error", problem));
  }

  private static byte[] write(Object body) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

package io.tmkit.server.http;

import io.tmkit.server.domain.World;
import java.util.concurrent.Executor;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;

/**
 * Chooses the thread a request runs on. Almost every request is answered from memory without waiting
 * for anything, so it runs on the I/O thread that read it: handing every request to a worker pool cost
 * more CPU than all of Jersey's own processing (measured in the README's benchmark section).
 *
 * <p>A request that may wait goes to the worker pool instead, so that it cannot stall the other
 * connections its I/O thread serves: any method but GET (a POST's form body is read with blocking
 * reads; a GET's body is never read), any path but the operation's (the admin endpoint loads whole
 * worlds), and every request while the world gives some account a processing delay (the service
 * sleeps through it, which is what makes IdempotentProcessing observable).
 */
final class RequestThreads implements RequestExecutorProvider {
  private final World world;
  private final Executor workers;

  RequestThreads(World world, Executor workers) {
    this.world = world;
    this.workers = workers;
  }

  @Override
  public Executor getExecutor(Request request) {
    return mayWait(request) ? workers : null;
  }

  private boolean mayWait(Request request) {
    HttpRequestPacket packet = request.getRequest();
    return packet.getMethod() != Method.GET
        || !"/".equals(packet.getRequestURI())
        || world.current().delaysProcessing();
  }
}

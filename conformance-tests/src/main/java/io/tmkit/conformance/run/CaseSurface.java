package io.tmkit.conformance.run;

import io.tmkit.conformance.cases.Surface;
import io.tmkit.conformance.resolve.ResolvedCase;

/** One way of putting a case's request to the implementation, and reading back what it answered. */
public interface CaseSurface {
  Surface surface();

  /** Whether the case's world state (reset, preconditions) must be set up before {@link #observe}. */
  boolean needsWorld();

  Observation observe(ResolvedCase c);
}

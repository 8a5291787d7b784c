package io.tmkit.server.auth;

import io.tmkit.server.domain.AccountState;

/** Who sent a request that passed authentication: the access key (null without auth), its account, the region. */
public record Caller(CredentialsFile.Credential credential, AccountState account, String region) {
  public String accessKey() {
    return credential == null ? null : credential.accessKey();
  }
}

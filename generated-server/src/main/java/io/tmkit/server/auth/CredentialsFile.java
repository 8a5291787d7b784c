package io.tmkit.server.auth;

import java.util.List;

/** The credentials file: access key pairs, the account each belongs to, and the actions it may call ("*" for all). */
public record CredentialsFile(String description, List<Credential> credentials) {

  public CredentialsFile {
    credentials = credentials == null ? List.of() : List.copyOf(credentials);
  }

  /** One access key. {@link #toString()} never shows the secret. */
  public record Credential(String accessKey, String secretKey, String accountId, List<String> allowedActions) {
    public Credential {
      allowedActions = allowedActions == null ? List.of() : List.copyOf(allowedActions);
    }

    public boolean mayCall(String action) {
      return allowedActions.contains("*") || allowedActions.contains(action);
    }

    @Override
    public String toString() {
      return "Credential[accessKey=" + accessKey + ", accountId=" + accountId + ", secretKey=***]";
    }
  }
}

/**
 * HTTP Basic authentication: the main account SID + auth token, or the API key SID + secret.
 *
 * @module
 */

/** A username / password pair the simulator accepts. */
export interface Credential {
  readonly username: string;
  readonly password: string;
}

/** Whether an `Authorization` header carries one of the accepted credentials. */
export function isAuthorized(header: string | null, accepted: readonly Credential[]): boolean {
  const encoded = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "")?.[1];
  if (encoded === undefined) return false;
  let decoded: string;
  try {
    decoded = atob(encoded);
  } catch {
    return false;
  }
  const colon = decoded.indexOf(":");
  if (colon < 0) return false;
  const username = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  return accepted.some((c) => c.username === username && c.password === password);
}

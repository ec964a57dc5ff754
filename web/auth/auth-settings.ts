import type { LoginThrottleOptions } from './login-throttle.js';
import type { PasswordHasherOptions } from './password-hasher.js';

/** How the API signs people in: what `createApp` takes as `auth` (from `ServiceConfig`, or cheap ones in tests). */
export interface AuthSettings {
  /**
   * `SOCKGRADE_TOKEN_TTL_DAYS`: how long a token from `POST /api/tokens` works; the
   * request may ask for fewer days (`expiresInDays`), never more. @defaultValue 90
   */
  tokenTtlDays: number;
  /**
   * `SOCKGRADE_TRUST_PROXY`: reverse proxies (addresses, CIDR ranges, `loopback`) whose
   * `X-Forwarded-For` and `X-Forwarded-Proto` are believed: Express's `trust proxy`.
   * @defaultValue none: the TCP peer is the client, and TLS means TLS to this process
   */
  trustedProxies: readonly string[];
  /** scrypt cost and how many hashes at once. @defaultValue N=2^17, r=8, p=1; 2 at once, 32 waiting */
  hashing: PasswordHasherOptions;
  /** @defaultValue 5 per name, 20 per address, in 15 minutes */
  throttle: LoginThrottleOptions;
}

export const DEFAULT_AUTH_SETTINGS: AuthSettings = { tokenTtlDays: 90, trustedProxies: [], hashing: {}, throttle: {} };

import { describe, expect, it } from 'vitest';
import { isTrustedProxyEntry, throttleKeyOf } from './client-address.js';

describe('throttle keys of client addresses', () => {
  it('keeps IPv4 as it is and counts IPv6 per /64 (one host usually owns a whole /64)', () => {
    expect(throttleKeyOf('192.0.2.7')).toBe('192.0.2.7');
    expect(throttleKeyOf('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(throttleKeyOf('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(throttleKeyOf('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(throttleKeyOf('::1')).toBe('0:0:0:0::/64');
    expect(throttleKeyOf('fe80::1:2.3.4.5')).toBe('fe80:0:0:0::/64');
  });

  it('accepts proxies as Express’s `trust proxy` does', () => {
    for (const entry of ['127.0.0.1', '::1', '10.0.0.0/8', 'fd00::/8', 'loopback', 'uniquelocal']) expect(isTrustedProxyEntry(entry)).toBe(true);
    for (const entry of ['proxy.example', '10.0.0.0/33', '10.0.0.1/x', '*', '']) expect(isTrustedProxyEntry(entry)).toBe(false);
  });
});

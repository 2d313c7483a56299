import { isLoopbackHost } from '../../config/edge';

/**
 * Without an app id nothing that reaches /api/messages is authenticated, and Sofo posts its reply to the
 * activity's `serviceUrl`: whoever can send one could make Sofo POST to any service on this machine.
 * So only the Bot Framework Emulator's address is answered: the one SOFO_EMULATOR_URL names, or else a
 * loopback port in the range operating systems hand out to listen(0), where the Emulator's own server
 * lands (Linux 32768–60999, Windows and macOS 49152–65535); databases, admin consoles and dev servers
 * sit below it.
 */
export function emulatorServiceUrl(emulatorUrl?: URL): (serviceUrl: URL) => boolean {
  if (emulatorUrl) {
    const origin = emulatorUrl.origin;
    return (serviceUrl) => serviceUrl.origin === origin;
  }
  return (serviceUrl) => isLoopbackHost(serviceUrl.hostname) && portOf(serviceUrl) >= EPHEMERAL_LOW;
}

/** The lowest port of any operating system's ephemeral range (Linux's default). */
export const EPHEMERAL_LOW = 32768;

function portOf(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

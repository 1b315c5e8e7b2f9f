import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { randomBytes } from 'node:crypto';

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secretBase32: string, label = 'user'): TOTP {
  return new TOTP({ issuer: 'Hamsafar', label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secretBase32) });
}

/** Accepts the current code and one step either side, for phones whose clocks drift. */
export function verifyTotp(secretBase32: string, code: string): boolean {
  return totp(secretBase32).validate({ token: code.replace(/\s/g, ''), window: 1 }) !== null;
}

export function currentTotp(secretBase32: string): string {
  return totp(secretBase32).generate();
}

export async function enrolmentQr(secretBase32: string, label: string): Promise<{ uri: string; qrDataUrl: string }> {
  const uri = totp(secretBase32, label).toString();
  return { uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
}

export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const raw = randomBytes(5).toString('hex');
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
}

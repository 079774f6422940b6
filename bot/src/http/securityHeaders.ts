import type { RequestHandler } from 'express';

/**
 * The hosts allowed to frame the tab: Teams and the Microsoft 365 apps that host Teams
 * tabs (Teams' "tab requirements" list), nothing else. The tab's own origin is not
 * listed: it is never meant to be framed by itself or shown outside a host.
 */
export const FRAME_ANCESTORS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office.com',
  'https://outlook-sdf.office365.com',
  'https://outlook.live.com',
] as const;

/**
 * The tab's policy. Scripts, requests and fonts come only from the service's origin
 * (the build has no CDN and no inline scripts); styles may be inline because Fluent UI
 * inserts its rules at run time; images may be https because cards show thumbnails.
 */
export const TAB_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`,
].join('; ');

/** Everything else (API answers, the bot endpoint, errors) is data: it loads nothing and is never framed. */
export const DATA_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Options of {@link securityHeaders}. */
export interface SecurityHeaderOptions {
  /** Adds Strict-Transport-Security; only behind HTTPS, i.e. in production. */
  strictTransportSecurity: boolean;
  /** Whether a request is for the tab's pages and assets rather than data. */
  isTabRequest: (path: string) => boolean;
}

/** Sets the security headers on every response, before any route can answer. */
export function securityHeaders(options: SecurityHeaderOptions): RequestHandler {
  return (req, res, next) => {
    res.set('Content-Security-Policy', options.isTabRequest(req.path) ? TAB_CONTENT_SECURITY_POLICY : DATA_CONTENT_SECURITY_POLICY);
    res.set('X-Content-Type-Options', 'nosniff');
    res.set('Referrer-Policy', 'strict-origin-when-cross-origin');
    res.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    if (options.strictTransportSecurity) res.set('Strict-Transport-Security', 'max-age=31536000');
    next();
  };
}

/**
 * Sent with every answer (next.config.ts). The CSP only restricts what needs no nonce, since Next's own inline
 * scripts would need one: no framing, no plugins, no <base> tricks, forms post only to Leadline.
 */
export const SECURITY_HEADERS = [
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
];

/** Only over https (a proxy that ends TLS says so in X-Forwarded-Proto); browsers ignore it over http anyway. */
export const HSTS_HEADER = { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" };

/** Request URLs that carry a secret in their query; `npm run dev` leaves them out of its request log. */
export const SECRET_QUERY = /[?&](x_api_key|api_key|password|token|secret)=/i;

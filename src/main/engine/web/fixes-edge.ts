/** Fix steps for the edge.* checks and monitor.request-id: headers, caching, CORS, admin, rate limits, CDN. */
import type { FixStep } from '../../../shared/model'
import type { AuditTarget } from '../types'
import { dnsProviderOf, edgeProviderOf, step, withProvider } from './providers'

export const STATIC_CACHE_VALUE = 'Cache-Control: public, max-age=31536000, immutable'
export const PRIVATE_CACHE_VALUE = 'Cache-Control: private, no-store'

function headerSteps(t: AuditTarget, lines: string[], what: string): FixStep[] {
  const nginx = lines.map((l) => {
    const i = l.indexOf(':')
    return `add_header ${l.slice(0, i)} "${l.slice(i + 1).trim().replace(/"/g, '\\"')}" always;`
  })
  const vercel = JSON.stringify({ headers: [{ source: '/(.*)', headers: lines.map((l) => ({ key: l.slice(0, l.indexOf(':')), value: l.slice(l.indexOf(':') + 1).trim() })) }] })
  return withProvider(edgeProviderOf(t), [step(`Add ${what}:`, lines.join('\n'))], {
    cloudflare: [step('In Cloudflare, open Rules → Transform Rules → Modify Response Header, create a rule for all incoming requests and “Set static” each header below.', lines.join('\n'))],
    vercel: [step('In vercel.json, add:', vercel)],
    netlify: [step('In the _headers file at the root of your published folder, add:', `/*\n${lines.map((l) => `  ${l}`).join('\n')}`)],
    nginx: [step('In the nginx server block, add these lines and reload.', nginx.join('\n'))],
  })
}

export const securityHeadersFix = (t: AuditTarget, missing: string[]): FixStep[] => headerSteps(t, missing, 'these response headers to every page')

const SECURITY_VALUES: Record<string, string> = {
  'x-content-type-options': 'X-Content-Type-Options: nosniff',
  'referrer-policy': 'Referrer-Policy: strict-origin-when-cross-origin',
  'frame protection': "Content-Security-Policy: frame-ancestors 'self'",
  'content-security-policy': "Content-Security-Policy: default-src 'self'; frame-ancestors 'self'; object-src 'none'; base-uri 'self'",
}
export const securityHeaderLine = (name: string): string => SECURITY_VALUES[name] ?? name

export function staticCacheFix(t: AuditTarget, urls: string[]): FixStep[] {
  return [
    step(`These files have a content hash in their name, so they can be cached for a year: ${urls.slice(0, 3).join(', ')}${urls.length > 3 ? ' …' : ''}.`),
    ...headerSteps(t, [STATIC_CACHE_VALUE], 'this header to the responses for your built assets folder (only for fingerprinted files)'),
  ]
}

export function privateCacheFix(t: AuditTarget, urls: string[]): FixStep[] {
  return [
    step(`These responses set a login or session cookie but may be stored by shared caches and shown to other people: ${urls.slice(0, 3).join(', ')}. Mark every response that sets a cookie or depends on who is logged in as private.`, PRIVATE_CACHE_VALUE),
    ...withProvider(edgeProviderOf(t), [], {
      cloudflare: [step('In Cloudflare, check Caching → Cache Rules: make sure no “Cache Everything” rule matches pages that set cookies, or add a bypass rule for them.')],
      nginx: [step('In nginx, do not cache responses that set cookies.', 'proxy_no_cache $upstream_http_set_cookie;\nproxy_cache_bypass $cookie_session;')],
    }),
  ]
}

export function compressionFix(t: AuditTarget): FixStep[] {
  return withProvider(edgeProviderOf(t), [step('Turn on gzip or Brotli compression for text responses (HTML, CSS, JavaScript, JSON, SVG).')], {
    cloudflare: [step('Cloudflare compresses proxied text by itself: make sure the record is proxied (orange cloud) and that no Cache or Configuration Rule disables compression.')],
    vercel: [step('Vercel compresses automatically; if you set Content-Encoding yourself in a function, remove that so the platform can compress.')],
    netlify: [step('Netlify compresses automatically; check that your functions do not return an explicit Content-Encoding: identity.')],
    nginx: [step('In nginx, add these lines to the http block and reload.', 'gzip on;\ngzip_comp_level 5;\ngzip_min_length 1024;\ngzip_types text/css application/javascript application/json image/svg+xml text/plain;')],
  })
}

export function corsFix(t: AuditTarget, url: string): FixStep[] {
  const site = `https://${t.canonicalHost === 'www' ? `www.${t.domain}` : t.domain}`
  return [
    step(`On ${url}, stop copying the caller’s Origin into Access-Control-Allow-Origin. Allow only your own site (and any partner you name) when credentials are allowed.`, `Access-Control-Allow-Origin: ${site}\nAccess-Control-Allow-Credentials: true\nVary: Origin`),
    step('In Express (cors package) for example:', `cors({ origin: ['${site}'], credentials: true })`),
  ]
}

export function adminFix(t: AuditTarget, urls: string[]): FixStep[] {
  return withProvider(edgeProviderOf(t), [step(`Put ${urls.join(', ')} behind a login: it must answer 401/403 or redirect to the login page for anyone who is not signed in as an admin.`)], {
    cloudflare: [step('For a quick shield, add Cloudflare Zero Trust → Access → Applications → Self-hosted for this path, allowing only your team’s emails.', urls[0] ? new URL(urls[0]).host + new URL(urls[0]).pathname : undefined)],
    nginx: [step('In nginx, restrict the path to your office or VPN address while you add proper authentication.', 'location /admin {\n    allow 203.0.113.10;  # your address\n    deny all;\n}')],
  })
}

export function rateLimitFix(t: AuditTarget, urls: string[]): FixStep[] {
  return withProvider(edgeProviderOf(t), [step(`Limit how often one visitor can hit ${urls.join(', ')} (for example 10 attempts a minute per IP address), answering 429 after that.`)], {
    cloudflare: [step('In Cloudflare, open Security → WAF → Rate limiting rules and create one for these paths: 10 requests per 1 minute per IP, action Block (or Managed Challenge).', urls.map((u) => `http.request.uri.path eq "${new URL(u).pathname}"`).join(' or '))],
    vercel: [step('On Vercel, add a WAF rate-limit rule (Project → Firewall → Configure → Rate limit) for these paths, or rate limit in your auth handler.')],
    nginx: [step('In nginx, add a limit and apply it to the login, signup and reset locations.', 'limit_req_zone $binary_remote_addr zone=auth:10m rate=10r/m;\nlocation /login { limit_req zone=auth burst=5 nodelay; proxy_pass http://app; }')],
  })
}

export function requestIdFix(t: AuditTarget): FixStep[] {
  return withProvider(edgeProviderOf(t), [step('Give every response a request ID header and write the same ID in your app’s logs, so a customer’s error report can be matched to the log line.', 'X-Request-ID: <unique id per request>')], {
    nginx: [step('In nginx, generate one and pass it to your app and back to the client.', 'proxy_set_header X-Request-ID $request_id;\nadd_header X-Request-ID $request_id always;')],
    cloudflare: [step('Cloudflare already adds a cf-ray ID; also send your own X-Request-ID from the app and log it, since cf-ray is not in your app logs.')],
  })
}

export function cdnFix(t: AuditTarget, cloudflareDnsOnly: boolean): FixStep[] {
  if (cloudflareDnsOnly || dnsProviderOf(t) === 'cloudflare')
    return [step(`Your DNS is at Cloudflare but traffic does not pass through it. In Cloudflare → DNS → Records, switch the records for ${t.domain} and www to “Proxied” (orange cloud).`, 'Proxied')]
  return withProvider(edgeProviderOf(t), [step('Put a CDN or edge proxy in front of the site so static files are served close to visitors and attacks are absorbed before your server.')], {
    vercel: [step('Vercel’s edge network sits in front automatically once the domain points at Vercel (A 76.76.21.21 or the CNAME Vercel shows).')],
    netlify: [step('Netlify’s CDN sits in front automatically once the domain points at Netlify (its load balancer address or CNAME).')],
    cloudflare: [step(`Add ${t.domain} to Cloudflare (free plan), change the name servers at your registrar to the two Cloudflare gives you, and keep the records proxied.`)],
  })
}

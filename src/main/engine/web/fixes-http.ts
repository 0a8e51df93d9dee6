/** Fix steps for the http.* checks: redirect rules, canonical host, health and version. Exact values where they can be computed. */
import type { FixStep } from '../../../shared/model'
import type { AuditTarget } from '../types'
import { edgeProviderOf, step, withProvider } from './providers'

const canonicalOf = (t: AuditTarget) => (t.canonicalHost === 'www' ? `www.${t.domain}` : t.domain)
const otherOf = (t: AuditTarget) => (t.canonicalHost === 'www' ? t.domain : `www.${t.domain}`)

function nginxRedirect(serverNames: string, listen: string, canonical: string): string {
  return `server {\n    listen ${listen};\n    server_name ${serverNames};\n    return 301 https://${canonical}$request_uri;\n}`
}

export function httpsRedirectFix(t: AuditTarget, host: string): FixStep[] {
  const canonical = canonicalOf(t)
  return withProvider(edgeProviderOf(t), [step(`Send every http:// visit on ${host} to https://${canonical} with a permanent (301) redirect that keeps the page and its parameters.`, `http://${host}/*  ->  https://${canonical}/$1  (301)`)], {
    cloudflare: [step('In Cloudflare, open SSL/TLS → Edge Certificates and switch on “Always Use HTTPS”.')],
    vercel: [step(`In Vercel, open Project → Settings → Domains and make sure ${host} is listed; Vercel then redirects http:// to https:// by itself.`)],
    netlify: [step(`In Netlify, open Domain management → HTTPS and make sure the certificate covers ${host}; Netlify then redirects http:// to https:// by itself.`)],
    nginx: [step('On your own server, add this block to the nginx configuration and reload nginx.', nginxRedirect(`${t.domain} www.${t.domain}`, '80', canonical))],
  })
}

export function canonicalFix(t: AuditTarget): FixStep[] {
  const canonical = canonicalOf(t)
  const other = otherOf(t)
  return withProvider(edgeProviderOf(t), [step(`Pick one address and send the other to it with a permanent redirect: ${other} → ${canonical}.`, `https://${other}/*  ->  https://${canonical}/$1  (301)`)], {
    cloudflare: [
      step(
        `In Cloudflare, open Rules → Redirect Rules → Create rule (template “Redirect from ${t.canonicalHost === 'www' ? 'root to WWW' : 'WWW to root'}”): when the hostname equals ${other}, redirect dynamically with status 301 to this expression, and tick “Preserve query string”.`,
        `concat("https://${canonical}", http.request.uri.path)`,
      ),
    ],
    vercel: [step(`In Vercel, open Project → Settings → Domains, add ${other} and choose “Redirect to ${canonical}” (308).`)],
    netlify: [step(`In Netlify, open Domain management and set ${canonical} as the primary domain; ${other} then redirects to it.`)],
    nginx: [step('On your own server, add this block and reload nginx.', nginxRedirect(other, '443 ssl', canonical))],
  })
}

export function pathFix(t: AuditTarget, entries: string[]): FixStep[] {
  const canonical = canonicalOf(t)
  return withProvider(edgeProviderOf(t), [step(`Change the redirect on ${entries.join(', ')} so it adds the original page and parameters to the new address instead of always sending people to the home page.`, `https://${canonical}$request_uri`)], {
    cloudflare: [step('In Cloudflare, edit the redirect rule: use a dynamic redirect with the expression below and tick “Preserve query string”.', `concat("https://${canonical}", http.request.uri.path)`)],
    vercel: [step('In vercel.json, redirect with a path pattern so the rest of the address is kept.', `{ "redirects": [{ "source": "/:path*", "destination": "https://${canonical}/:path*", "permanent": true }] }`)],
    netlify: [step('In the _redirects file, use a splat so the rest of the address is kept.', `https://${otherOf(t)}/*  https://${canonical}/:splat  301!`)],
    nginx: [step('In nginx, end the redirect with $request_uri (it carries the path and the query string).', `return 301 https://${canonical}$request_uri;`)],
  })
}

export function chainFix(t: AuditTarget, entries: string[]): FixStep[] {
  const canonical = canonicalOf(t)
  return withProvider(edgeProviderOf(t), [step(`Make each of these addresses redirect straight to https://${canonical}/ in one step: ${entries.join(', ')}.`, `https://${canonical}$request_uri`)], {
    cloudflare: [step(`In Cloudflare, switch on “Always Use HTTPS” and make your Redirect Rule send ${otherOf(t)} directly to https://${canonical} (not to http:// or to another redirect).`)],
    nginx: [step('In nginx, have the port 80 block and the other-host block both return the final address directly.', `return 301 https://${canonical}$request_uri;`)],
  })
}

export function loopFix(t: AuditTarget, entries: string[]): FixStep[] {
  return withProvider(edgeProviderOf(t), [step(`These addresses redirect in a circle, so browsers show “too many redirects”: ${entries.join(', ')}. Find the two rules that send visitors back and forth and remove one.`)], {
    cloudflare: [
      step('The most common cause with Cloudflare is the “Flexible” SSL mode while your server also redirects to https://. Open SSL/TLS → Overview and set the encryption mode to “Full (strict)”.', 'Full (strict)'),
    ],
    vercel: [step('In Vercel, check Project → Settings → Domains for two domains that redirect to each other, and any redirects in vercel.json or your framework config that undo them.')],
    netlify: [step('In Netlify, check the _redirects file and netlify.toml for a rule that sends visitors back to the address they came from.')],
    nginx: [step('In nginx, check for a `return 301` in the https server block that points at http://, or a proxy that reports http to your app (set X-Forwarded-Proto).', 'proxy_set_header X-Forwarded-Proto $scheme;')],
  })
}

export function healthFix(t: AuditTarget, tried: string[]): FixStep[] {
  return [
    step(`Add a health endpoint to your app at /health that answers 200 when the app and its database are working, and any error code when they are not. We tried: ${tried.join(', ')}.`),
    step('Make it answer with a small JSON body that includes the live release, so monitors and people can see which version is running.', '{"status":"ok","version":"<git commit or release tag>"}'),
    ...(t.hostingProvider ? [step(`Then point your uptime monitor and ${t.hostingProvider}'s health check at it.`)] : []),
  ]
}

export function versionFix(t: AuditTarget): FixStep[] {
  return withProvider(edgeProviderOf(t), [step('Make the live release visible: add a response header with the release (or put a "version" field in the health endpoint’s JSON).', 'X-Release: <git commit or release tag>')], {
    vercel: [step('On Vercel the commit is available as the VERCEL_GIT_COMMIT_SHA environment variable: send it in the header or the health JSON.', 'X-Release: ${VERCEL_GIT_COMMIT_SHA}')],
    netlify: [step('On Netlify the commit is available as the COMMIT_REF environment variable at build time: bake it into the health JSON.', '"version": "${COMMIT_REF}"')],
    nginx: [step('If a proxy sets it, add the header in nginx from a variable your deploy writes.', 'add_header X-Release "<release>" always;')],
  })
}

export function mixedContentFix(urls: string[]): FixStep[] {
  return [
    step(`Change these addresses in your pages from http:// to https:// (or load the files from your own site): ${urls.slice(0, 5).join(', ')}${urls.length > 5 ? ` and ${urls.length - 5} more` : ''}.`),
    step('As a safety net, ask browsers to upgrade any that remain by adding this header (or the same value in a <meta http-equiv> tag).', 'Content-Security-Policy: upgrade-insecure-requests'),
  ]
}

export function subdomainFix(host: string, expected: string, got: string): FixStep[] {
  return [
    step(`Check that ${host} points at the service that should answer it and that the service has a certificate for ${host}. It should answer ${expected}; it answered ${got}.`),
    step('If this subdomain is no longer used, delete its DNS record and remove it from the project’s subdomain list.'),
  ]
}

export function reachableFix(t: AuditTarget, url: string, got: string): FixStep[] {
  return [
    step(`Open ${url} in a private browser window and check your hosting dashboard${t.hostingProvider ? ` (${t.hostingProvider})` : ''} for a failed deploy or a stopped service. We got: ${got}.`),
    step('Fix or roll back the last deploy, then press “Check again”.'),
  ]
}

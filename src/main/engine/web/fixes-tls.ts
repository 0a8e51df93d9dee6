/** Fix steps for the tls.* checks, per provider where it matters. */
import type { FixStep } from '../../../shared/model'
import type { AuditTarget } from '../types'
import { edgeProviderOf, step, withProvider } from './providers'

export const HSTS_VALUE = 'max-age=31536000; includeSubDomains'

export function renewFix(t: AuditTarget, host: string, validTo: string): FixStep[] {
  return withProvider(edgeProviderOf(t), [step(`Renew the certificate for ${host} (it is valid until ${validTo.slice(0, 10)}), then make renewal automatic so this cannot happen again.`)], {
    cloudflare: [step('In Cloudflare, open SSL/TLS → Edge Certificates: the Universal certificate renews by itself while the record is proxied (orange cloud). If you uploaded a custom certificate, upload the renewed one there.')],
    vercel: [step(`In Vercel, open Project → Settings → Domains: a failed renewal shows as an error on ${host}; usually a DNS record no longer points at Vercel. Fix the record and Vercel renews it.`)],
    netlify: [step('In Netlify, open Domain management → HTTPS and press “Renew certificate”; check that the DNS records still point at Netlify.')],
    nginx: [step('On your own server with Let’s Encrypt, renew now and check the automatic renewal timer.', 'sudo certbot renew && sudo systemctl list-timers | grep certbot')],
  })
}

export function hostnameFix(t: AuditTarget, host: string, names: string[]): FixStep[] {
  return withProvider(edgeProviderOf(t), [step(`Get a certificate that includes ${host}. The one served now only covers: ${names.join(', ') || 'no names'}.`, host)], {
    cloudflare: [step(`In Cloudflare, make sure ${host} has a proxied (orange cloud) DNS record; the Universal certificate covers the apex and one level of subdomains.`)],
    vercel: [step(`In Vercel, add ${host} under Project → Settings → Domains; Vercel issues a certificate for it.`)],
    netlify: [step(`In Netlify, add ${host} as a domain alias under Domain management; Netlify then issues a certificate that covers it.`)],
    nginx: [step('With Let’s Encrypt on your own server, request a certificate that lists every name.', `sudo certbot --nginx -d ${t.domain} -d www.${t.domain}${host !== t.domain && host !== `www.${t.domain}` ? ` -d ${host}` : ''}`)],
  })
}

export function trustFix(t: AuditTarget, host: string, reason: string): FixStep[] {
  return withProvider(edgeProviderOf(t), [step(`Replace the certificate on ${host} with one from a public certificate authority (Let’s Encrypt is free). Browsers reject the current one: ${reason}.`)], {
    cloudflare: [step('In Cloudflare, set SSL/TLS → Overview to “Full (strict)” and use the Universal certificate at the edge; for the origin, create an Origin Certificate under SSL/TLS → Origin Server.')],
    vercel: [step(`In Vercel, remove any custom certificate for ${host} and let Vercel issue one (Project → Settings → Domains).`)],
    netlify: [step('In Netlify, remove the custom certificate under Domain management → HTTPS and let Netlify provision a Let’s Encrypt one.')],
    nginx: [step('On your own server, get a free certificate from Let’s Encrypt.', `sudo certbot --nginx -d ${host}`)],
  })
}

export function chainCompleteFix(t: AuditTarget, host: string): FixStep[] {
  return withProvider(edgeProviderOf(t), [step(`Configure ${host} to send the full chain: your certificate followed by the intermediate certificate(s) from your certificate authority. Some browsers and most apps, payment webhooks and email servers reject it otherwise.`)], {
    cloudflare: [step('If you uploaded a custom certificate in Cloudflare, upload it again with the “Bundle method: Compatible”.')],
    nginx: [step('In nginx, point ssl_certificate at the full chain file, not the certificate alone, and reload.', `ssl_certificate /etc/letsencrypt/live/${host}/fullchain.pem;`)],
  })
}

export function protocolFix(t: AuditTarget, host: string): FixStep[] {
  return withProvider(edgeProviderOf(t), [step(`Turn off TLS 1.0 and 1.1 on ${host} and keep TLS 1.2 and 1.3 on.`, 'TLS 1.2 minimum')], {
    cloudflare: [step('In Cloudflare, open SSL/TLS → Edge Certificates and set “Minimum TLS Version” to TLS 1.2.', 'TLS 1.2')],
    nginx: [step('In nginx, set the allowed versions and reload.', 'ssl_protocols TLSv1.2 TLSv1.3;')],
  })
}

export function hstsFix(t: AuditTarget, host: string): FixStep[] {
  return withProvider(edgeProviderOf(t), [step(`Send this header on every https:// response from ${host} (start with a shorter max-age such as 300 if you are unsure every subdomain has HTTPS, then raise it).`, `Strict-Transport-Security: ${HSTS_VALUE}`)], {
    cloudflare: [step('In Cloudflare, open SSL/TLS → Edge Certificates → HTTP Strict Transport Security (HSTS), enable it with Max Age 12 months and “Include subdomains”.')],
    vercel: [step('In vercel.json, add the header for every path.', `{ "headers": [{ "source": "/(.*)", "headers": [{ "key": "Strict-Transport-Security", "value": "${HSTS_VALUE}" }] }] }`)],
    netlify: [step('In the _headers file at the root of your published folder, add:', `/*\n  Strict-Transport-Security: ${HSTS_VALUE}`)],
    nginx: [step('In the nginx https server block, add this line and reload.', `add_header Strict-Transport-Security "${HSTS_VALUE}" always;`)],
  })
}

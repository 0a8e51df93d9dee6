/**
 * The one-page operating guide: the four most likely emergencies of the first
 * months, written for this project's hosting, DNS/CDN and email providers.
 * Where a provider is not known the steps stay general and say so.
 */
import type { Project } from '../../shared/model'
import type { CertificateInfo } from '../../shared/audit-data'
import type { GuideScenario } from '../../shared/report-model'

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '')

const HOSTING: Record<string, { name: string; rollback: string; secrets: string; logs: string; certs: string }> = {
  vercel: {
    name: 'Vercel',
    rollback: 'In Vercel, open the project’s Deployments tab, pick the last deployment marked Ready that worked, and choose “Promote to Production” (Instant Rollback).',
    secrets: 'Vercel project Settings → Environment Variables',
    logs: 'Vercel project → Deployments → the failed deployment → Build Logs',
    certs: 'Vercel issues and renews certificates itself for domains added under Settings → Domains; renewal fails when the domain’s DNS no longer points at Vercel.',
  },
  netlify: {
    name: 'Netlify',
    rollback: 'In Netlify, open Deploys, click the last good deploy and choose “Publish deploy”.',
    secrets: 'Netlify site configuration → Environment variables',
    logs: 'Netlify → Deploys → the failed deploy → Deploy log',
    certs: 'Netlify renews Let’s Encrypt certificates itself (Domain management → HTTPS); renewal fails when DNS no longer points at Netlify.',
  },
  render: {
    name: 'Render',
    rollback: 'In Render, open the service’s Events or Deploys list and choose “Rollback” on the last good deploy.',
    secrets: 'Render service → Environment (or an Environment Group)',
    logs: 'Render service → Events → the failed deploy → Logs',
    certs: 'Render issues and renews certificates for custom domains itself; check the service’s Settings → Custom Domains for a “Certificate error”.',
  },
  flyio: {
    name: 'Fly.io',
    rollback: 'Run `fly releases` to find the last good version, then `fly deploy --image <that release’s image>`.',
    secrets: 'Fly.io secrets (`fly secrets list` shows names only)',
    logs: '`fly logs` and the Monitoring tab of the app in the Fly.io dashboard',
    certs: 'Fly.io renews certificates added with `fly certs add`; `fly certs show <host>` tells you whether renewal is stuck.',
  },
  heroku: {
    name: 'Heroku',
    rollback: 'Run `heroku releases` to find the last good release, then `heroku rollback v<NUMBER>`.',
    secrets: 'Heroku app → Settings → Config Vars',
    logs: '`heroku logs --tail` and the app’s Activity tab',
    certs: 'Heroku Automated Certificate Management renews certificates; check Settings → SSL Certificates.',
  },
  railway: {
    name: 'Railway',
    rollback: 'In Railway, open the service’s Deployments, pick the last good deployment and choose “Redeploy”.',
    secrets: 'Railway service → Variables',
    logs: 'Railway service → Deployments → the failed deployment → Build Logs',
    certs: 'Railway issues and renews certificates for custom domains itself.',
  },
}

const DNS: Record<string, string> = {
  cloudflare: 'Cloudflare dashboard → your domain → DNS → Records',
  route53: 'AWS console → Route 53 → Hosted zones → your domain',
  namecheap: 'Namecheap → Domain List → Manage → Advanced DNS',
  godaddy: 'GoDaddy → My Products → your domain → DNS',
  porkbun: 'Porkbun → Domain Management → DNS',
  gandi: 'Gandi → Domain → DNS Records',
  dnsimple: 'DNSimple → your domain → DNS',
  vercel: 'Vercel → Domains → your domain → DNS Records',
  netlify: 'Netlify → Domains → your domain → DNS records',
}

const EMAIL: Record<string, string> = {
  'google-workspace': 'Google Admin console → Apps → Google Workspace → Gmail → Authenticate email (DKIM)',
  'microsoft-365': 'Microsoft Defender portal → Email authentication settings → DKIM',
  'amazon-ses': 'Amazon SES console → Identities → your domain → Authentication',
  sendgrid: 'SendGrid → Settings → Sender Authentication',
  mailgun: 'Mailgun → Sending → Domains → your domain → DNS records',
  postmark: 'Postmark → Sender Signatures / Domains → your domain → DNS settings',
  resend: 'Resend → Domains → your domain',
  brevo: 'Brevo → Senders, Domains & Dedicated IPs → Domains',
  mailchimp: 'Mailchimp Transactional (Mandrill) → Settings → Sending Domains',
  zoho: 'Zoho Mail Admin console → Domains → Email configuration',
}

function hostingOf(p: Project) {
  return HOSTING[norm(p.hostingProvider)]
}

export function buildOpsGuide(p: Project, certs: CertificateInfo[] | null): GuideScenario[] {
  const host = hostingOf(p)
  const hostName = host?.name ?? (p.hostingProvider.trim() || 'your hosting provider')
  const dnsWhere = DNS[norm(p.dnsProvider)] ?? (p.dnsProvider.trim() ? `${p.dnsProvider} → DNS settings for ${p.domain}` : `wherever the DNS for ${p.domain} is managed (see the owner map)`)
  const emailWhere = p.emailProviders.map((e) => EMAIL[e] ?? `${e} → domain authentication settings`)
  const soonest = (certs ?? []).slice().sort((a, b) => a.daysLeft - b.daysLeft)[0]

  const ssl: GuideScenario = {
    id: 'ssl-expiry',
    title: 'The certificate is expiring or has expired',
    symptom: 'Browsers show “Your connection is not private” or the uptime monitor reports a certificate error.',
    steps: [
      soonest
        ? `Check which address is affected: the soonest expiry in this pack is ${soonest.host} on ${soonest.validTo.slice(0, 10)}, issued by ${soonest.issuer}.`
        : `Check which address is affected by opening https://${p.domain} in a browser and clicking the padlock.`,
      host ? host.certs : `${hostName} or your CDN usually renews the certificate automatically; open its domain or SSL settings and look for a renewal error.`,
      `Renewal almost always fails because DNS changed. Compare the records at ${dnsWhere} with the DNS map in this pack.`,
      'Once renewed, open the site in a private window to confirm the padlock, then re-run the Launch Ready audit.',
    ],
  }

  const spam: GuideScenario = {
    id: 'email-spam',
    title: 'Your emails land in spam or do not arrive',
    symptom: 'Customers say the signup or password-reset email never came, or it sits in their spam folder.',
    steps: [
      `Re-run the email checks in Launch Ready (Stage 2): SPF, DKIM and DMARC for ${p.domain} must all pass.`,
      emailWhere.length
        ? `Check the domain is still verified with your sender: ${emailWhere.join('; ')}.`
        : 'Check the domain is still verified with the service that sends your app’s email.',
      `Compare the SPF and DMARC records at ${dnsWhere} with the email section of this pack; a record deleted during a DNS change is the usual cause.`,
      'Send a test to a Gmail address, open it, choose “Show original” and check that SPF, DKIM and DMARC all say PASS.',
    ],
  }

  const deploy: GuideScenario = {
    id: 'failed-deploy',
    title: 'A deploy failed or broke the site',
    symptom: 'The site shows errors or a blank page after a release, or the health check stops answering.',
    steps: [
      host ? host.rollback : `Roll back to the last good release in ${hostName} using the rollback steps in the Operations section.`,
      p.handover.healthCheck.trim()
        ? `Confirm the rollback worked with the health check: ${p.handover.healthCheck.trim()}`
        : 'Confirm the rollback worked by loading the homepage and signing in.',
      host ? `Then read why it failed: ${host.logs}.` : `Then read the failed deploy’s build log in ${hostName}.`,
      'Fix the cause on a branch and deploy again only when the build passes; tell customers if the outage lasted more than a few minutes.',
    ],
  }

  const secret: GuideScenario = {
    id: 'leaked-secret',
    title: 'A secret (API key, password, token) leaked',
    symptom: 'A key was committed to git, pasted in a chat, found by a scanner, or the provider warns about unusual use.',
    steps: [
      'Create a new key in the provider’s dashboard first (the Secrets table in this pack says where each secret lives and who owns it).',
      host ? `Put the new value in ${host.secrets}, then redeploy so the app picks it up.` : `Put the new value in ${hostName}’s secret settings, then redeploy so the app picks it up.`,
      'Revoke the old key in the provider’s dashboard, then check the provider’s logs for use you do not recognise.',
      'If the key was committed, remove it from the code and treat the git history as public: rotating the key is what makes you safe, not deleting the commit.',
    ],
  }
  return [ssl, spam, deploy, secret]
}

/** Who renews a certificate, in plain words, from the project's providers and the issuer. */
export function renewedBy(p: Project, cert: CertificateInfo): string {
  const host = hostingOf(p)
  const cdn = p.cdnProvider.trim()
  const issuer = cert.issuer.toLowerCase()
  if (cdn && !/none/i.test(cdn) && norm(cdn) === 'cloudflare' && /cloudflare|google trust|let.s encrypt|ssl\.com/.test(issuer)) return 'Cloudflare renews it automatically'
  if (host) return `${host.name} renews it automatically`
  if (/let.s encrypt|zerossl|google trust/.test(issuer)) return 'Automatic renewal (ACME); check who runs it in the owner map'
  return 'Not recorded: write down who renews this certificate'
}

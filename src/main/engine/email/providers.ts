/**
 * The sending providers the app recognises (from SPF includes, MX hosts and
 * DKIM selectors) and what each needs: the SPF include for the root record,
 * or the return-path (bounce) subdomain the provider uses instead, the DKIM
 * selectors it publishes, and where in its dashboard the DKIM setup lives.
 */
export interface EmailProvider {
  id: string
  name: string
  /** Includes for the root SPF record (the first is the one to publish). */
  spfIncludes: string[]
  /** Other include domains that identify it (older or regional names). */
  spfAlso?: string[]
  /** DNS lookups the current include costs (with what it nests), as measured when this list was written. */
  spfCost: number
  /**
   * `root`: mail leaves with your domain in the envelope, so the root SPF must include it.
   * `bounce`: it sends with its own return-path subdomain (set up in its dashboard); SPF passes there, not at the root.
   */
  spfMode: 'root' | 'bounce'
  /** The return-path name to check for `bounce` providers, when it is fixed (`{domain}` is your domain). */
  bounceName?: string
  /** Sending does not work at all without the return-path record (otherwise it only stops SPF aligning with your domain). */
  bounceRequired?: boolean
  mxSuffixes?: string[]
  dkimSelectors: string[]
  /** Selector prefixes (e.g. HubSpot's `hs1-<portal id>`). */
  dkimPrefixes?: string[]
  /** Where to turn DKIM on, in plain words. */
  dkimSteps: string[]
}

export const EMAIL_PROVIDERS: readonly EmailProvider[] = [
  {
    id: 'google-workspace',
    name: 'Google Workspace',
    spfIncludes: ['_spf.google.com'],
    spfCost: 1,
    spfMode: 'root',
    mxSuffixes: ['aspmx.l.google.com', 'googlemail.com', 'smtp.google.com'],
    dkimSelectors: ['google'],
    dkimSteps: [
      'Open the Google Admin console (admin.google.com) and go to Apps → Google Workspace → Gmail → Authenticate email.',
      'Pick your domain, click “Generate new record”, choose 2048-bit and the prefix “google”.',
      'Add the TXT record it shows at google._domainkey at your DNS provider, wait a few minutes, then click “Start authentication”.',
    ],
  },
  {
    id: 'microsoft-365',
    name: 'Microsoft 365',
    spfIncludes: ['spf.protection.outlook.com'],
    spfCost: 1,
    spfMode: 'root',
    mxSuffixes: ['mail.protection.outlook.com', 'mx.microsoft'],
    dkimSelectors: ['selector1', 'selector2'],
    dkimSteps: [
      'Open the Microsoft Defender portal (security.microsoft.com) → Email & collaboration → Policies & rules → Threat policies → Email authentication settings → DKIM.',
      'Select your domain: it shows two CNAME records, selector1._domainkey and selector2._domainkey. Add both at your DNS provider exactly as shown.',
      'Back in the portal, switch “Sign messages for this domain with DKIM signatures” on.',
    ],
  },
  {
    id: 'zoho',
    name: 'Zoho Mail',
    spfIncludes: ['zohomail.com'],
    spfAlso: ['zoho.com', 'zoho.eu', 'zoho.in', 'zoho.com.au', 'zohomail.eu', 'zohomail.in'],
    spfCost: 1,
    spfMode: 'root',
    mxSuffixes: ['zoho.com', 'zoho.eu', 'zoho.in', 'zoho.com.au', 'zohomail.com'],
    dkimSelectors: ['zmail', 'zoho', 'zm', 'default'],
    dkimSteps: [
      'Open the Zoho Mail Admin Console → Domains → your domain → Email configuration → DKIM.',
      'Click “Add”, enter a selector (for example “zmail”) and generate the key.',
      'Add the TXT record it shows at <selector>._domainkey at your DNS provider, then click “Verify”.',
    ],
  },
  {
    id: 'amazon-ses',
    name: 'Amazon SES',
    spfIncludes: ['amazonses.com'],
    spfCost: 1,
    spfMode: 'bounce',
    mxSuffixes: ['amazonaws.com'],
    dkimSelectors: [],
    dkimSteps: [
      'Open the Amazon SES console → Configuration → Identities → your domain → Authentication.',
      'Under DomainKeys Identified Mail (DKIM), choose Easy DKIM with RSA 2048-bit: SES shows three CNAME records with random selector names. Add all three at your DNS provider.',
      'Set a custom MAIL FROM domain (for example mail.yourdomain) so SPF passes for your domain too, and add the MX and TXT records SES shows for it.',
      'Add the three selector names here (the part before ._domainkey) so we can check them.',
    ],
  },
  {
    id: 'sendgrid',
    name: 'SendGrid',
    spfIncludes: ['sendgrid.net'],
    spfCost: 1,
    spfMode: 'bounce',
    dkimSelectors: ['s1', 's2'],
    dkimSteps: [
      'In SendGrid go to Settings → Sender Authentication → Authenticate Your Domain.',
      'Choose your DNS provider and leave “automated security” on: SendGrid shows three CNAME records (em1234, s1._domainkey and s2._domainkey). Add them at your DNS provider.',
      'Click “Verify” in SendGrid.',
    ],
  },
  {
    id: 'postmark',
    name: 'Postmark',
    spfIncludes: ['spf.mtasv.net'],
    spfCost: 1,
    spfMode: 'bounce',
    bounceName: 'pm-bounces.{domain}',
    dkimSelectors: [],
    dkimPrefixes: ['pm'],
    dkimSteps: [
      'In Postmark open Sender Signatures → your domain → DNS Settings.',
      'Add the DKIM TXT record it shows (its name looks like 20240101000000pm._domainkey) and the Return-Path CNAME pm-bounces → pm.mtasv.net.',
      'Click “Verify” next to each record, and add the selector name here so we can check it.',
    ],
  },
  {
    id: 'mailgun',
    name: 'Mailgun',
    spfIncludes: ['mailgun.org'],
    spfCost: 1,
    spfMode: 'root',
    mxSuffixes: ['mailgun.org'],
    dkimSelectors: ['mx', 'smtp', 'k1', 'krs', 'pic', 'mailo', 'email'],
    dkimSteps: [
      'In Mailgun go to Sending → Domains → your domain → DNS records.',
      'Add the TXT records it shows: the SPF include and the DKIM key (its name looks like smtp._domainkey or pic._domainkey).',
      'Click “Verify DNS settings”.',
    ],
  },
  {
    id: 'resend',
    name: 'Resend',
    spfIncludes: ['amazonses.com'],
    spfCost: 1,
    spfMode: 'bounce',
    bounceName: 'send.{domain}',
    bounceRequired: true,
    dkimSelectors: ['resend'],
    dkimSteps: [
      'In Resend go to Domains → Add Domain and enter your domain.',
      'Add the records it shows: the DKIM TXT record at resend._domainkey, and the MX and SPF TXT record at the “send” subdomain.',
      'Click “Verify DNS Records”.',
    ],
  },
  {
    id: 'brevo',
    name: 'Brevo (Sendinblue)',
    spfIncludes: ['spf.brevo.com'],
    spfAlso: ['spf.sendinblue.com', 'sendinblue.com'],
    spfCost: 1,
    spfMode: 'root',
    dkimSelectors: ['brevo1', 'brevo2', 'mail'],
    dkimSteps: [
      'In Brevo go to Settings → Senders, domains & dedicated IPs → Domains → Authenticate.',
      'Add the records it shows (DKIM CNAMEs brevo1._domainkey and brevo2._domainkey, and the brevo-code TXT record).',
      'Click “Authenticate this email domain”.',
    ],
  },
  {
    id: 'mailchimp',
    name: 'Mailchimp / Mandrill',
    spfIncludes: ['servers.mcsv.net'],
    spfAlso: ['spf.mandrillapp.com', 'mandrillapp.com'],
    spfCost: 1,
    spfMode: 'bounce',
    dkimSelectors: ['k2', 'k3', 'k1', 'mandrill'],
    dkimSteps: [
      'In Mailchimp go to Account → Domains → your domain → Authenticate (for Mandrill: Settings → Sending Domains).',
      'Add the two DKIM CNAME records it shows (k2._domainkey → dkim2.mcsv.net and k3._domainkey → dkim3.mcsv.net).',
      'Click “Verify”.',
    ],
  },
  {
    id: 'hubspot',
    name: 'HubSpot',
    spfIncludes: ['_spf.hubspot.com'],
    spfAlso: ['hubspotemail.net', 'hubspot.com'],
    spfCost: 1,
    spfMode: 'bounce',
    dkimSelectors: [],
    dkimPrefixes: ['hs1-', 'hs2-'],
    dkimSteps: [
      'In HubSpot go to Settings → Content → Domains & URLs → Connect a domain → Email sending domain.',
      'Add the two DKIM CNAME records it shows (their names start with hs1- and hs2- followed by your account number).',
      'Click “Verify”, and add both selector names here so we can check them.',
    ],
  },
  {
    id: 'customer-io',
    name: 'Customer.io',
    spfIncludes: ['customeriomail.com'],
    spfAlso: ['mail.customeriomail.com'],
    spfCost: 3,
    spfMode: 'bounce',
    dkimSelectors: ['krs'],
    dkimPrefixes: ['cio'],
    dkimSteps: [
      'In Customer.io go to Settings → Workspace Settings → Email → Sending Domains → Add Sending Domain.',
      'Click “Show records” and add them all: they sit under your account subdomain (cio12345.yourdomain), including the DKIM key at krs._domainkey.cio12345.',
      'Click “Verify”.',
    ],
  },
]

const byId = new Map(EMAIL_PROVIDERS.map((p) => [p.id, p]))
const ALIASES: Record<string, string> = {
  google: 'google-workspace',
  gmail: 'google-workspace',
  'g-suite': 'google-workspace',
  gsuite: 'google-workspace',
  microsoft: 'microsoft-365',
  office365: 'microsoft-365',
  'office-365': 'microsoft-365',
  outlook: 'microsoft-365',
  ses: 'amazon-ses',
  'aws-ses': 'amazon-ses',
  sendinblue: 'brevo',
  mandrill: 'mailchimp',
  'customer.io': 'customer-io',
  customerio: 'customer-io',
  'zoho-mail': 'zoho',
}

const slug = (s: string) => s.trim().toLowerCase().replace(/[\s_/()]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '')

/** The provider a project entry names (id, name or common alias), if we know it. */
export function providerById(idOrName: string): EmailProvider | undefined {
  const s = slug(idOrName)
  return byId.get(s) ?? byId.get(ALIASES[s] ?? '') ?? EMAIL_PROVIDERS.find((p) => slug(p.name) === s || slug(p.name).startsWith(`${s}-`))
}

const under = (host: string, suffix: string) => host === suffix || host.endsWith(`.${suffix}`)

/** Whether an include domain belongs to the provider. */
export function includeIsProvider(include: string, p: EmailProvider): boolean {
  const d = include.toLowerCase().replace(/\.$/, '')
  return [...p.spfIncludes, ...(p.spfAlso ?? [])].some((s) => under(d, s))
}

export interface Detection {
  provider: EmailProvider
  /** What gave it away, in plain words. */
  via: string[]
}

/** Recognises providers from SPF includes, MX hosts and DKIM selectors that have keys. */
export function detectProviders(includes: string[], mxHosts: string[], selectorsWithKeys: string[]): Detection[] {
  const out = new Map<string, Detection>()
  const add = (p: EmailProvider, via: string) => {
    const d = out.get(p.id) ?? { provider: p, via: [] }
    if (!d.via.includes(via)) d.via.push(via)
    out.set(p.id, d)
  }
  for (const inc of includes) for (const p of EMAIL_PROVIDERS) if (includeIsProvider(inc, p)) add(p, `SPF include ${inc}`)
  for (const mx of mxHosts) for (const p of EMAIL_PROVIDERS) if ((p.mxSuffixes ?? []).some((s) => under(mx.toLowerCase(), s))) add(p, `mail server ${mx}`)
  for (const sel of selectorsWithKeys) {
    for (const p of EMAIL_PROVIDERS) {
      const s = sel.toLowerCase()
      const hit = p.dkimSelectors.includes(s) ? ['resend', 'google', 'selector1', 'selector2', 'krs', 'brevo1', 'brevo2', 'mandrill'].includes(s) : (p.dkimPrefixes ?? []).some((x) => s.startsWith(x) && s.length > x.length)
      if (hit) add(p, `DKIM selector ${sel}`)
    }
  }
  // Resend sends through Amazon SES: one include, two providers; only claim SES when nothing more specific explains it.
  if (out.has('resend') && out.get('amazon-ses')?.via.every((v) => v.startsWith('SPF include'))) out.delete('amazon-ses')
  return [...out.values()]
}

/** DKIM selectors worth trying when the project names none: every provider's plus the common ones. */
export const COMMON_DKIM_SELECTORS = ['default', 'dkim', 'mail', 'selector', 's1', 's2', 'k1', 'k2', 'k3', 'google', 'selector1', 'selector2', 'resend', 'mandrill', 'smtp', 'mx', 'pic', 'krs', 'zmail', 'brevo1', 'brevo2', 'sig1', 'key1', 'dkim1', 'everlytickey1', 'mxvault']

/**
 * Triage: what a found value is (`secret`, `test` or `public`), whose it is,
 * and how to replace it. Rotation steps are the provider's own order: make
 * the new key, deploy it, then revoke the old one — revoking first takes the
 * site down, deploying last leaves the leaked key working.
 */
import type { FixStep } from '../../../shared/model'

export type SecretKind = 'secret' | 'test' | 'public'

export interface Provider {
  name: string
  /** What the value is, for titles ("Stripe secret key"); default "<name> credential". */
  what?: string
  /** Where the founder rolls the key. */
  rotateAt?: string
  /** What stops working when the old key is revoked. */
  breaks: string
}

const P = (name: string, breaks: string, rotateAt?: string, what?: string): Provider => ({ name, breaks, ...(rotateAt ? { rotateAt } : {}), ...(what ? { what } : {}) })

/** By rule ID (gitleaks' and ours); rules not listed take their provider from the ID. */
const PROVIDERS: Record<string, Provider> = {
  'stripe-access-token': P('Stripe', 'payments, refunds and webhooks your server makes with this key', 'https://dashboard.stripe.com/apikeys', 'Stripe secret key'),
  'stripe-publishable-key': P('Stripe', 'nothing: a publishable key only starts payments the secret key completes', 'https://dashboard.stripe.com/apikeys', 'Stripe publishable key'),
  'aws-access-token': P('AWS', 'everything that signs requests with this key pair', 'https://console.aws.amazon.com/iam/home#/security_credentials', 'AWS access key ID'),
  'aws-secret-access-key': P('AWS', 'everything that signs requests with this key pair', 'https://console.aws.amazon.com/iam/home#/security_credentials', 'AWS secret access key'),
  'github-pat': P('GitHub', 'scripts and CI jobs that use this token', 'https://github.com/settings/tokens'),
  'github-fine-grained-pat': P('GitHub', 'scripts and CI jobs that use this token', 'https://github.com/settings/tokens?type=beta'),
  'github-oauth': P('GitHub', 'the OAuth app session this token belongs to', 'https://github.com/settings/applications'),
  'github-app-token': P('GitHub', 'the GitHub App installation using it', 'https://github.com/settings/apps'),
  'gitlab-pat': P('GitLab', 'scripts and CI jobs that use this token', 'https://gitlab.com/-/user_settings/personal_access_tokens'),
  'slack-webhook-url': P('Slack', 'the alerts posted through this webhook', 'https://api.slack.com/apps'),
  'slack-bot-token': P('Slack', 'the bot that uses this token', 'https://api.slack.com/apps'),
  'slack-user-token': P('Slack', 'integrations acting as this user', 'https://api.slack.com/apps'),
  'openai-api-key': P('OpenAI', 'AI features calling OpenAI with this key', 'https://platform.openai.com/api-keys'),
  'anthropic-api-key': P('Anthropic', 'AI features calling Claude with this key', 'https://console.anthropic.com/settings/keys'),
  'anthropic-admin-api-key': P('Anthropic', 'admin automation using this key', 'https://console.anthropic.com/settings/admin-keys'),
  'sendgrid-api-token': P('SendGrid', 'emails your app sends through SendGrid', 'https://app.sendgrid.com/settings/api_keys'),
  'mailgun-private-api-token': P('Mailgun', 'emails your app sends through Mailgun', 'https://app.mailgun.com/settings/api_security'),
  'mailgun-signing-key': P('Mailgun', 'webhook signature checks', 'https://app.mailgun.com/settings/api_security'),
  'mailgun-pub-key': P('Mailgun', 'nothing secret: the public validation key', 'https://app.mailgun.com/settings/api_security'),
  'postmark-server-token': P('Postmark', 'emails your app sends through Postmark', 'https://account.postmarkapp.com/servers'),
  'twilio-api-key': P('Twilio', 'SMS and calls your app makes', 'https://console.twilio.com/us1/account/keys-credentials/api-keys'),
  'twilio-auth-token': P('Twilio', 'SMS and calls your app makes (the auth token is the account’s master key)', 'https://console.twilio.com/'),
  'supabase-secret-key': P('Supabase', 'server code that bypasses row-level security with this key', 'https://supabase.com/dashboard/project/_/settings/api-keys'),
  'supabase-publishable-key': P('Supabase', 'nothing secret: row-level security protects the data', 'https://supabase.com/dashboard/project/_/settings/api-keys'),
  'gcp-api-key': P('Google Cloud / Firebase', 'the web and mobile apps that send this key', 'https://console.cloud.google.com/apis/credentials', 'Google API key'),
  'google-oauth-client-secret': P('Google', '“Sign in with Google” until the new secret is deployed', 'https://console.cloud.google.com/apis/credentials'),
  'database-url-password': P('Database', 'the app’s connection to the database until it has the new password', undefined, 'database password'),
  'private-key': P('Private key', 'whatever trusts this key: a server login, a signing step, a certificate', undefined, 'private key'),
  'jwt': P('JWT', 'whatever accepts this token until it expires or its signing key is changed', undefined, 'signed token (JWT)'),
  'npm-access-token': P('npm', 'publishing and private installs that use this token', 'https://www.npmjs.com/settings/~/tokens'),
  'vercel-token': P('Vercel', 'deploys and scripts that use this token', 'https://vercel.com/account/tokens'),
  'cloudflare-api-key': P('Cloudflare', 'DNS and cache automation that uses this token', 'https://dash.cloudflare.com/profile/api-tokens'),
  'cloudflare-global-api-key': P('Cloudflare', 'everything using the global key (it can do anything on the account)', 'https://dash.cloudflare.com/profile/api-tokens'),
  'cloudflare-origin-ca-key': P('Cloudflare', 'origin certificate automation', 'https://dash.cloudflare.com/profile/api-tokens'),
  'heroku-api-key': P('Heroku', 'deploys and scripts that use this key', 'https://dashboard.heroku.com/account'),
  'generic-api-key': P('Unknown service', 'whatever uses this value', undefined, 'secret-looking value'),
}

export const whatOf = (ruleId: string): string => {
  const p = providerOf(ruleId)
  return p.what ?? `${p.name} credential`
}

export function providerOf(ruleId: string): Provider {
  const known = PROVIDERS[ruleId]
  if (known) return known
  const name = ruleId.split('-')[0]!
  return P(name.charAt(0).toUpperCase() + name.slice(1), 'whatever uses this credential')
}

function jwtClaims(token: string): Record<string, unknown> | undefined {
  try {
    const part = token.split('.')[1]
    if (!part) return undefined
    const json = JSON.parse(Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8')) as unknown
    return json && typeof json === 'object' ? (json as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

export interface Triage {
  kind: SecretKind
  provider: string
  /** A note on what decided the kind (the JWT's role claim, the key's mode). */
  why: string
}

export function triage(ruleId: string, secret: string): Triage {
  const provider = providerOf(ruleId).name
  const t = (kind: SecretKind, why: string, name = provider): Triage => ({ kind, provider: name, why })
  if (ruleId === 'stripe-access-token') return /^(?:sk|rk)_test_/.test(secret) ? t('test', 'a test-mode key: it moves no real money') : t('secret', 'a live-mode key: it can charge and refund real cards')
  if (ruleId === 'stripe-publishable-key') return t('public', secret.startsWith('pk_test_') ? 'a test-mode publishable key' : 'a publishable key, meant for the browser')
  if (ruleId === 'easypost-test-api-token') return t('test', 'a test-mode key')
  if (/-pub(?:lic)?-|publishable/.test(ruleId)) return t('public', 'a public key by design')
  if (ruleId === 'gcp-api-key') return t('public', 'a browser key by design, safe only with API and referrer restrictions')
  if (ruleId === 'jwt' || ruleId === 'jwt-base64') {
    const claims = jwtClaims(secret)
    const role = typeof claims?.role === 'string' ? claims.role : undefined
    const supabase = (typeof claims?.iss === 'string' && claims.iss.includes('supabase')) || role === 'anon' || role === 'service_role'
    if (supabase && role === 'anon') return t('public', 'a Supabase anon key (role “anon”): row-level security protects the data', 'Supabase')
    if (supabase && role === 'service_role') return t('secret', 'a Supabase service-role key (role “service_role”): it bypasses row-level security', 'Supabase')
    return t('secret', role ? `a signed token with role “${role}”` : 'a signed token')
  }
  return t('secret', 'a live credential')
}

/** The fix for one found credential: rotate first, in the provider's order. */
export function rotationSteps(ruleId: string, kind: SecretKind, where: 'tree' | 'history' | 'env-file' | 'build' | 'site'): FixStep[] {
  const p = providerOf(ruleId)
  const at = p.rotateAt ? ` (${p.rotateAt})` : ''
  if (kind === 'public') {
    if (ruleId === 'gcp-api-key')
      return [
        { text: `In the Google Cloud console${at}, open this key and restrict it: “Application restrictions” to your site’s addresses (HTTP referrers) and “API restrictions” to the APIs your pages call (for Firebase: Identity Toolkit, Firestore, Storage…).` },
        { text: 'Check your Firebase security rules: a web key is public, so the rules are what protect the data.' },
      ]
    if (/supabase|jwt/.test(ruleId)) return [{ text: 'Make sure row-level security is on for every table the browser can reach (Supabase: Table editor → RLS enabled), since anyone can use this key.' }]
    return [{ text: `Nothing to rotate: this ${p.name} key is meant to be public. Make sure the secret key that pairs with it is kept on the server only.` }]
  }
  const first: Record<string, string> = {
    'private-key': 'Make a new key pair (ssh-keygen, or a new certificate request) and install the new public key or certificate wherever the old one is trusted.',
    'database-url-password': 'Set a new password for this database user (ALTER ROLE … PASSWORD in Postgres, or your provider’s “reset password”), or create a new user for the app.',
    'generic-api-key': 'Find which service this value belongs to (the variable name is the clue) and create a new one there.',
    jwt: 'Change the signing secret or key that issued this token (that invalidates it), or wait for it to expire if it is short-lived.',
  }
  const steps: FixStep[] = [
    { text: first[ruleId] ?? `Create a new ${whatOf(ruleId)}${at}${kind === 'test' ? ' (test mode is enough)' : ''}.` },
    { text: 'Put the new value in your host’s secret store (its environment-variable settings) and redeploy, so the app stops using the old one.' },
    { text: `Then revoke the old one${ruleId === 'private-key' || ruleId === 'database-url-password' || ruleId === 'generic-api-key' || ruleId === 'jwt' ? '' : ` at ${p.name}`}. Revoking breaks ${p.breaks}, which is why the new one is deployed first.` },
  ]
  if (where === 'history') steps.push({ text: 'Rewriting history does not help once the commit was pushed: clones, forks and caches keep it. Rotate first; cleaning the history (git filter-repo) is optional afterwards.' })
  else if (where === 'site' || where === 'build') steps.push({ text: 'Move the call that needs this key to your server, and remove the key from the front-end code and its environment variables (NEXT_PUBLIC_* / VITE_* values are shipped to every visitor).' })
  else steps.push({ text: 'Remove it from the code and read it from an environment variable instead; commit that change.' })
  return steps
}

/**
 * Formats gitleaks' default rules do not cover, in the same shape (JavaScript
 * regexes; the secret is the first non-empty group unless `secretGroup`).
 * Each exists because a founder's stack uses it: Stripe's publishable keys
 * (reported as public), the AWS secret half of a key pair, database URLs with
 * a password, Postmark server tokens, Supabase's new API keys, Vercel tokens,
 * Google OAuth client secrets and Twilio auth tokens.
 */
import type { RawRule } from '../rules'

const assign = String.raw`['"]?\s*(?:=|:|=>|:=)\s*['"\x60]?`
const r = (id: string, description: string, regex: string, keywords: string[], extra: Partial<RawRule> = {}): RawRule => ({ id, description, regex, keywords, allowlists: [], ...extra })

export const SUPPLEMENTS: RawRule[] = [
  r('stripe-publishable-key', 'A Stripe publishable key (public by design).', String.raw`\b(pk_(?:live|test)_[a-zA-Z0-9]{20,99})\b`, ['pk_live_', 'pk_test_']),
  r(
    'aws-secret-access-key',
    'The secret half of an AWS access key pair.',
    String.raw`(?:aws|AWS|Aws)[\w.-]{0,20}(?:secret|SECRET|Secret)[\w.-]{0,20}${assign}([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])`,
    ['aws'],
    { entropy: 4 },
  ),
  r(
    'database-url-password',
    'A database connection URL with a password in it.',
    String.raw`\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver):\/\/[^\s:@\/'"\x60]{1,100}:([^\s@\/'"\x60]{3,200})@([^\s\/'"\x60:?]{1,253})`,
    ['postgres', 'mysql', 'mariadb', 'mongodb', 'redis', 'amqp', 'mssql', 'sqlserver'],
    { secretGroup: 1 },
  ),
  r(
    'postmark-server-token',
    'A Postmark server or account API token.',
    String.raw`(?:postmark|POSTMARK|Postmark)[\w.-]{0,30}${assign}([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b`,
    ['postmark'],
  ),
  r('supabase-secret-key', 'A Supabase secret API key.', String.raw`\b(sb_secret_[A-Za-z0-9_-]{20,})`, ['sb_secret_']),
  r('supabase-publishable-key', 'A Supabase publishable API key (public by design).', String.raw`\b(sb_publishable_[A-Za-z0-9_-]{20,})`, ['sb_publishable_']),
  r('vercel-token', 'A Vercel access token.', String.raw`(?:\b(vc[pikar]_[A-Za-z0-9]{24,64})\b|(?:vercel|VERCEL|Vercel)[\w.-]{0,20}(?:token|TOKEN|Token)${assign}([A-Za-z0-9]{24})(?![A-Za-z0-9]))`, ['vercel', 'vcp_', 'vci_', 'vck_', 'vca_', 'vcr_']),
  r('google-oauth-client-secret', 'A Google OAuth client secret.', String.raw`\b(GOCSPX-[A-Za-z0-9_-]{28})(?![A-Za-z0-9_-])`, ['gocspx-']),
  r(
    'twilio-auth-token',
    'A Twilio auth token.',
    String.raw`(?:twilio|TWILIO|Twilio)[\w.-]{0,20}(?:auth|AUTH|Auth|token|TOKEN|Token)[\w.-]{0,10}${assign}([0-9a-f]{32})(?![0-9a-f])`,
    ['twilio'],
  ),
]

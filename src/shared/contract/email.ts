/* Channels of the email area (Stage 2 email panel); see src/shared/contract/index.ts. */
import { z } from 'zod'
import { channel } from './define'
import type { Finding } from '../model'
import type { EmailAuthState, SpfTreeNode } from '../audit-data'

const ProjectId = z.string().min(1).max(100)

/** Key of `Project.handTests` for the deliverability hand test. */
export const EMAIL_HAND_TEST = 'email.deliverability'
export const HAND_TEST_MAILBOXES = ['gmail', 'outlook', 'apple'] as const
export const PLACEMENTS = ['inbox', 'spam', 'missing', 'not-tested'] as const
export const VERDICTS = ['pass', 'fail', 'unknown'] as const

export interface EmailProviderInfo {
  id: string
  name: string
  /** `root`: its include goes in your SPF record; `bounce`: it uses its own return-path domain. */
  spfMode: 'root' | 'bounce'
  spfInclude: string
  bounceName?: string
  dkimSelectors: string[]
  dkimSteps: string[]
}

/** The SPF record to publish for the project's providers (built in main by proposeSpf). */
export interface SpfProposalView {
  /** The full TXT value to publish at the domain (host `@`). */
  record: string
  lookups: number
  withinLimit: boolean
  /** Includes this proposal adds. */
  added: string[]
  /** When over 10: terms to drop, most expensive first, with what each saves. */
  dropSuggestions: { term: string; saves: number; reason: string }[]
  /** Plain-language notes (bounce-domain providers, long record, unchanged record). */
  notes: string[]
  /** The proposal equals what is published. */
  unchanged: boolean
}

export interface EmailView {
  projectId: string
  domain: string
  checkedAt: string
  runId?: string
  state: EmailAuthState
  findings: Finding[]
  spf: { records: string[]; totalLookups: number; totalVoid: number; overLimitAt: string | null; proposal: SpfProposalView }
  dmarc: { at: string | null; record: string | null; launchRecord: string; nextSteps: string[]; removedTags: string[] }
  providers: { configured: EmailProviderInfo[]; unknown: string[]; detected: { id: string; name: string; via: string[] }[] }
}

export interface SpfView {
  domain: string
  records: string[]
  tree: SpfTreeNode
  totalLookups: number
  totalVoid: number
  overLimitAt: string | null
  evaluation?: { result: string; summary: string; comment: string; header: string; explanation?: string }
}

export const SpfQueryInput = z.object({
  projectId: ProjectId,
  /** Another domain than the project's (an include, a subdomain); default the project's. */
  domain: z.string().trim().min(1).max(253).optional(),
  ip: z.union([z.ipv4(), z.ipv6()], { error: 'Enter an IPv4 or IPv6 address, like 192.0.2.10.' }).optional(),
  sender: z.string().trim().max(320).regex(/^[^@\s]*@[^@\s]+$/, 'Enter an email address, like hello@acme.com.').optional(),
  helo: z.string().trim().max(253).optional(),
})

export const Selector = z
  .string()
  .trim()
  .toLowerCase()
  .transform((s) => s.replace(/\._domainkey(\..*)?$/, ''))
  .pipe(z.string().min(1, 'Type the selector, the part before ._domainkey.').max(63).regex(/^[a-z0-9_][a-z0-9._-]*$/, 'A selector has only letters, digits, dots, dashes and underscores.'))

export const HandTestInput = z.object({
  projectId: ProjectId,
  mailboxes: z
    .array(
      z.object({
        mailbox: z.enum(HAND_TEST_MAILBOXES),
        placement: z.enum(PLACEMENTS),
        spf: z.enum(VERDICTS).default('unknown'),
        dkim: z.enum(VERDICTS).default('unknown'),
        dmarc: z.enum(VERDICTS).default('unknown'),
      }),
    )
    .max(3),
  note: z.string().max(3000).default(''),
})
export type HandTestInput = z.input<typeof HandTestInput>

export interface HandTestRecord {
  outcome: string
  note: string
  at: string
}

export const emailChannels = {
  /** The providers the app knows, for the project's provider picker. */
  'email.providers': channel<EmailProviderInfo[]>()(z.void()),
  /** Runs every email check for the project now, stores it as a run and returns the panel's view. */
  'email.check': channel<EmailView>()(z.object({ projectId: ProjectId })),
  /** The last email check stored for the project (no network), or null. */
  'email.latest': channel<EmailView | null>()(z.object({ projectId: ProjectId })),
  /** The SPF lookup tree of a domain and, with an IP, the SPF result for a message from it. */
  'email.spf': channel<SpfView>()(SpfQueryInput),
  /** Adds a DKIM selector to the project (then run email.check again). */
  'email.addSelector': channel<{ dkimSelectors: string[] }>()(z.object({ projectId: ProjectId, selector: Selector })),
  /** Records the outcome of the deliverability hand test (Gmail, Outlook, Apple Mail). */
  'email.recordHandTest': channel<HandTestRecord>()(HandTestInput),
}

export const emailEvents = {}

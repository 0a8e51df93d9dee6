import type { RoadmapStage } from './types'

/* Stages 5–7 of the canonical roadmap (SPEC.md), in our own words. */

export const stage5: RoadmapStage = {
  number: 5,
  title: 'Backend performance',
  goal: 'Measure how fast the critical journeys really are, fix the first bottlenecks, and prove the site holds a small launch crowd.',
  why: {
    community: 'Live events and launch posts bring 20 to 50 people at once. A feed that takes seconds feels empty, and people leave.',
    coach: 'Booking and dashboard pages should answer within 400 ms for most requests; slower, and clients doubt the product.',
    membership: 'Members arrive together when you open the doors; login and gated pages must stay within 300 ms under that burst.',
    ecommerce: 'Every extra second in checkout loses buyers. Order status and webhooks must stay fast while a promotion runs.',
    b2b: 'Teams use the product all day: under 300 ms feels instant, and past 500 ms people call it broken.',
  },
  items: [
    { id: 's5.p95', title: 'The p95 latency of each critical journey is measured against your target', why: 'Averages hide the slow requests that your unluckiest customers get.', checks: ['perf.latency'] },
    { id: 's5.ttfb', title: 'Cached public pages start answering in under 200 ms', why: 'The first page decides whether a visitor stays.', checks: ['perf.ttfb'] },
    { id: 's5.payload', title: 'API responses are compressed and reasonably small', why: 'Large responses are slow on phones and cost bandwidth.', checks: ['perf.payload', 'edge.compression'] },
    { id: 's5.queries', title: 'The slowest queries on core tables are reviewed and indexed', why: 'One missing index can block a whole page once the table grows.', checks: ['db.stats', 'db.slow-queries', 'db.missing-index', 'db.fk-index'] },
    { id: 's5.index-hygiene', title: 'No duplicate, unused or half-built indexes, and every table has a primary key', why: 'Extra indexes slow every write; a table without a key cannot be safely updated or migrated.', checks: ['db.duplicate-index', 'db.unused-index', 'db.invalid-index', 'db.no-primary-key'] },
    { id: 's5.cache-reads', title: 'Repeated reads are cached where slightly stale data is acceptable', why: 'Caching the same answer saves work on every request.' },
    { id: 's5.jobs', title: 'Email, notifications and imports run outside the request', why: 'A slow email provider should not make signup slow.' },
    { id: 's5.load-test', title: 'A short load test with 20 to 50 users passed on login and one core flow', why: 'It shows where the first bottleneck is before real users find it.', checks: ['perf.load'] },
    { id: 's5.bottlenecks', title: 'The top three bottlenecks are written down with a fix for each', why: 'A short list keeps the next week’s work focused on what users feel.' },
  ],
  deliverable: 'Baseline numbers for each critical journey, a load sanity result showing where the first bottleneck appears, and the top three bottlenecks fixed or planned.',
  failureSignals: [
    'The app is fine alone but times out when 20 to 50 people arrive together.',
    'Core actions regularly take longer than the target at p95.',
    'One slow query holds up a whole page.',
  ],
}

export const stage6: RoadmapStage = {
  number: 6,
  title: 'Monitoring and alerting',
  goal: 'Hear about problems before customers do: uptime checks, error tracking and alerts that reach a real person.',
  why: {
    community: 'Members tell each other when the site is down, publicly. You want to know first.',
    coach: 'A failed booking page on a Sunday evening costs clients you never hear from. Alerts catch it while you can still fix it.',
    membership: 'If billing webhooks fail, members lose access silently. Monitoring the key flow catches it within minutes.',
    ecommerce: 'Every minute of checkout downtime is lost orders; one-minute uptime checks limit the damage.',
    b2b: 'Clients notice outages in working hours. Finding out from their support ticket costs trust you need for renewals.',
  },
  items: [
    { id: 's6.uptime', title: 'Uptime checks run every minute on the homepage, sign-in, API health and your key flow', why: 'Minute-level checks turn an hour of silent downtime into a few minutes.', checks: ['monitor.uptime'] },
    { id: 's6.errors', title: 'Errors are tracked and tagged with the release that caused them', why: 'Release tags tell you at once whether the last deploy is to blame.', checks: ['monitor.error-tracking'] },
    { id: 's6.request-ids', title: 'Every response carries a request ID that appears in the logs', why: 'A request ID lets you follow one customer’s failure across browser, API and jobs.', checks: ['monitor.request-id'] },
    { id: 's6.alerts', title: 'Alerts fire on p95 latency and error-rate spikes', why: 'Slowdowns usually come before outages; catching them early is cheaper.' },
    { id: 's6.alert-test', title: 'A test alert reached a real person on a real channel', why: 'An alert nobody receives is the same as no alert.', checks: ['monitor.alerts'] },
    { id: 's6.dashboard', title: 'One view shows uptime, p95, error rate and queue backlog', why: 'Four numbers checked daily beat ten dashboards nobody opens.' },
    { id: 's6.logs-safe', title: 'Logs carry enough context to debug without personal data or secrets', why: 'Logs leak too; keep them useful but clean.' },
  ],
  deliverable: 'Uptime checks on the critical URLs, error tracking with release tags, alerts that reach a real channel, and one view of uptime, p95, error rate and queue backlog.',
  failureSignals: [
    'You learn about downtime from social media or customer emails.',
    'Alerts go to an inbox nobody reads.',
    'Logs contain tokens, session data or full request bodies.',
  ],
}

export const stage7: RoadmapStage = {
  number: 7,
  title: 'Production handover',
  goal: 'Write everything down so the founder can run production alone: who owns what, how to deploy and undo, and what to do when something breaks.',
  why: {
    community: 'Community founders are often the only operator. The handover pack replaces the engineer’s memory.',
    coach: 'You are busy coaching, not operating servers. The pack tells you or a helper what to do in the first five minutes.',
    membership: 'Renewals depend on access never breaking; the pack makes sure anyone can fix the common failures.',
    ecommerce: 'When the certificate expires or payments stop at 2 a.m., the ops guide says exactly where to look.',
    b2b: 'Clients may ask who owns your infrastructure and how you handle incidents; the pack is your answer.',
  },
  items: [
    { id: 's7.domains', title: 'Domains, DNS records and redirects are documented', why: 'A simple DNS change should never require guessing.' },
    { id: 's7.secrets', title: 'Every secret’s location and owner is listed (never its value)', why: 'When a key leaks, you need to know where it lives and who can rotate it.' },
    { id: 's7.deploy-rollback', title: 'Deploy and rollback steps are written for someone else to follow', why: 'The next deploy may happen when the builder is unreachable.' },
    { id: 's7.monitoring-links', title: 'Monitoring and dashboard links are saved where the team can find them', why: 'During an incident nobody should be searching for a login page.' },
    { id: 's7.contacts', title: 'Emergency contacts are listed with how to reach them', why: 'Minutes matter when the site is down.' },
    { id: 's7.owners', title: 'Every production dependency has an owner and a backup with access', why: 'Registrar, DNS, CDN, hosting, email and payment accounts must not depend on one person.' },
    { id: 's7.risks', title: 'Known risks are listed with their symptom and the first thing to do', why: 'A known risk with a first action is a short incident instead of a long one.' },
    { id: 's7.ops-guide', title: 'A one-page ops guide covers certificate expiry, email deliverability, a failed deploy and a leaked secret', why: 'These four are the most likely emergencies in the first months.' },
    { id: 's7.rotation-drill', title: 'Someone other than the builder has rotated one secret using the guide', why: 'It proves the guide works and the access is really shared.' },
    { id: 's7.pack-exported', title: 'The handover pack is exported and shared with the owner', why: 'A document only helps if the owner has it when the builder is gone.' },
  ],
  deliverable: 'A handover pack (PDF, with Markdown and JSON copies) with the DNS map, email authentication state, secret locations, deploy and rollback steps, owners, monitoring links, known risks and a one-page ops guide.',
  failureSignals: [
    'The founder relies on memory instead of documents.',
    'Nobody knows how to rotate a secret after a leak.',
    'A simple DNS change needs a call to the original engineer.',
  ],
}

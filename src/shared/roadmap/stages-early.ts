import type { RoadmapStage } from './types'

/* Stages 1–4 of the canonical roadmap (SPEC.md), in our own words. */

export const stage1: RoadmapStage = {
  number: 1,
  title: 'Quick audit',
  goal: 'Find everything that could stop you from launching in the next 48 hours, before changing anything.',
  why: {
    community: 'New members judge a community in their first minute: a failed signup or a lost verification email means they never come back.',
    coach: 'A lead who cannot book or pay on the first try usually books someone else. The audit finds those dead ends first.',
    membership: 'Members pay before they see the content, so a broken login or payment on launch day turns straight into refund requests.',
    ecommerce: 'Checkout, order emails and payment webhooks are your revenue. The audit tells you which of them could fail on day one.',
    b2b: 'Business buyers invite their whole team at once. One broken login link in front of a client costs more than a week of polish.',
  },
  items: [
    { id: 's1.domain-live', title: 'You know which domain is live and where it points', why: 'Every other fix assumes traffic lands where you think it does.', checks: ['dns.apex.resolves', 'http.reachable'] },
    { id: 's1.registrar-access', title: 'You can sign in to the domain registrar and the DNS provider', why: 'A launch-day DNS fix is impossible if nobody has the login.' },
    { id: 's1.secrets-located', title: 'You know where every production secret lives, and none is in the code', why: 'A key in the repository or its history can be copied by anyone who ever sees it.', checks: ['secrets.repo', 'secrets.history'] },
    { id: 's1.flows-tested', title: 'You walked through each critical flow in a real browser', why: 'Signup, login and payment problems are cheapest to find before a customer does.' },
    { id: 's1.email-auth', title: 'Your sending domain has email authentication (SPF, DKIM, DMARC)', why: 'Without it, verification and reset emails tend to land in spam.', checks: ['email.spf.present', 'email.dkim', 'email.dmarc.present'] },
    { id: 's1.logs-clean', title: 'Production logs hold no tokens, passwords or full request bodies', why: 'Logs are read by more people and tools than your database is.' },
    { id: 's1.risk-list', title: 'The risks are ranked and split into "fix today" and "can wait"', why: 'A short ordered list keeps a 48-hour sprint on what actually blocks revenue.' },
    { id: 's1.go-no-go', title: 'You made a go / no-go call for launch, with the reasons written down', why: 'A clear decision stops launch day from drifting.' },
  ],
  deliverable: 'A risk list ranked by business impact, labelled blocker, high, medium or low, split into "must fix today" and "safe to defer", with a go / no-go recommendation.',
  failureSignals: [
    'A broken login or checkout is found by a customer instead of by you.',
    'Nobody can say where the production secrets are kept.',
    'Verification or password-reset emails land in spam.',
  ],
}

export const stage2: RoadmapStage = {
  number: 2,
  title: 'Domain, DNS and email',
  goal: 'Make every address resolve on purpose, send everyone to one canonical URL, and make sure your emails reach the inbox.',
  why: {
    community: 'Members follow links from emails and shares. Stray addresses and spam-foldered invitations quietly shrink your community.',
    coach: 'Your domain is your brand: booking confirmations that land in spam look like you forgot about the client.',
    membership: 'Login and access emails are how members get in. If they do not arrive, members are locked out of what they paid for.',
    ecommerce: 'Order confirmations, login links and reset emails must arrive within seconds or shoppers contact support.',
    b2b: 'Team invitations go to company mail servers, which are the strictest about email authentication.',
  },
  items: [
    { id: 's2.canonical', title: 'One address is the canonical one, and the other redirects to it', why: 'Two live copies of the site split sign-ins, cookies and search ranking.', checks: ['http.canonical', 'http.https-redirect', 'dns.www.resolves', 'http.redirect-chain', 'http.redirect-loop'] },
    { id: 's2.subdomains', title: 'Every subdomain (app, api, admin, help, …) exists on purpose and answers', why: 'A guessed subdomain breaks sign-in callbacks and confuses users.', checks: ['dns.subdomain.resolves', 'http.subdomain'] },
    { id: 's2.callbacks', title: 'Sign-in and payment callback URLs use the final addresses', why: 'Social login and payment providers reject callbacks to any other address.', checks: ['http.redirect-preserves-path'] },
    { id: 's2.stale-records', title: 'Records that point at retired services are removed', why: 'A forgotten record can send visitors to a dead server or let someone take over the name.', checks: ['dns.dangling', 'dns.private-address', 'dns.cname-at-apex', 'dns.expected'] },
    { id: 's2.ttl', title: 'Launch-critical records have a short TTL during launch week', why: 'A short TTL lets a DNS fix reach everyone in minutes instead of a day.', checks: ['dns.ttl', 'dns.propagation', 'dns.ns-consistency'] },
    { id: 's2.spf', title: 'SPF lists every service that sends email as your domain', why: 'Mail servers use SPF to decide whether a message really came from you.', checks: ['email.spf.present', 'email.spf.syntax', 'email.spf.lookups', 'email.spf.all', 'email.spf.authorizes'] },
    { id: 's2.dkim', title: 'DKIM signing is switched on at each sending provider', why: 'A DKIM signature proves a message was not changed on the way.', checks: ['email.dkim'] },
    { id: 's2.dmarc', title: 'DMARC is published with an address that receives its reports', why: 'DMARC tells mail servers what to do with fakes, and reports show who sends as you.', checks: ['email.dmarc.present', 'email.dmarc.policy', 'email.mx', 'email.mta-sts', 'email.tls-rpt'] },
    { id: 's2.inbox-test', title: 'A real signup email and a password-reset email reached an inbox, not spam', why: 'Records can look right and mail can still be filtered; only a real test proves it.' },
    { id: 's2.dns-map', title: 'The DNS map and the redirect map are written down', why: 'The next change should not depend on anyone remembering what each record is for.', checks: ['dns.expected', 'dns.caa'] },
  ],
  deliverable: 'A documented DNS map and redirect map, verified email authentication, and the exact records to add wherever something is missing.',
  failureSignals: [
    'Social login or payment callbacks fail because a subdomain was guessed rather than planned.',
    'Old records still send some visitors to infrastructure you shut down.',
    'Different visitors see different versions of the site after a deploy.',
  ],
}

export const stage3: RoadmapStage = {
  number: 3,
  title: 'Edge and protection',
  goal: 'Serve everything over valid HTTPS through a CDN, cache what is safe to cache, and stop obvious abuse before it reaches your server.',
  why: {
    community: 'Communities attract spam signups and scraping; rate limits and an edge proxy keep that off your server.',
    coach: 'A certificate warning on the booking page ends the sale. Clients will not type card details next to a browser warning.',
    membership: 'Gated pages must never be cached publicly, or one member’s page can be shown to another visitor.',
    ecommerce: 'Payment pages need a trusted certificate end to end, and a traffic spike from a promotion should hit the cache, not the checkout.',
    b2b: 'Client security reviews look for HTTPS everywhere, locked-down admin pages and a strict API origin policy.',
  },
  items: [
    { id: 's3.https', title: 'Every address serves HTTPS with a valid, trusted certificate', why: 'Browsers block or warn on anything else, at the worst moment: signup and payment.', checks: ['tls.trusted', 'tls.hostname', 'tls.expiry', 'tls.chain-complete', 'http.mixed-content'] },
    { id: 's3.origin-tls', title: 'The CDN reaches your server over HTTPS too, with strict certificate checking', why: 'A padlock in the browser means little if the hop behind the CDN is unencrypted.', checks: ['tls.protocol'] },
    { id: 's3.hsts', title: 'HSTS tells browsers to always use HTTPS', why: 'It closes the gap where a first visit over plain HTTP can be intercepted.', checks: ['tls.hsts'] },
    { id: 's3.cdn', title: 'A CDN or edge proxy sits in front of the site', why: 'It absorbs traffic spikes and basic attacks before they reach your server.', checks: ['edge.cdn'] },
    { id: 's3.static-cache', title: 'Static files are cached at the edge and text is compressed', why: 'Cached files load faster and take work off your server.', checks: ['edge.static-cache', 'edge.compression'] },
    { id: 's3.private-cache', title: 'Pages with personal data are excluded from caching', why: 'A cached personal page can be served to the next visitor.', checks: ['edge.private-cache'] },
    { id: 's3.rate-limits', title: 'Login, signup and password reset are rate limited', why: 'Without limits, one script can guess passwords or flood inboxes with reset emails.', checks: ['edge.rate-limit'] },
    { id: 's3.cors', title: 'Your API only accepts browser calls from your own sites', why: 'A loose CORS policy lets another site act with your user’s session.', checks: ['edge.cors'] },
    { id: 's3.admin', title: 'Admin pages require a sign-in and are not linked publicly', why: 'An open admin page is the shortest path to your customers’ data.', checks: ['edge.admin-exposed'] },
    { id: 's3.bots', title: 'Bot and DDoS protection is on and does not block real logins or checkouts', why: 'Over-eager rules turn away paying customers; too loose lets abuse through.', checks: ['edge.security-headers'] },
  ],
  deliverable: 'An edge configuration that speeds up and protects the site without breaking signed-in sessions, plus the list of paths excluded from caching because they hold personal data.',
  failureSignals: [
    'A cached page shows one user’s data to another.',
    'Protection rules block real logins or checkouts.',
    'Your server’s load stays high because nothing is actually cached.',
  ],
}

export const stage4: RoadmapStage = {
  number: 4,
  title: 'Production deploy',
  goal: 'Ship one known, reproducible version with documented settings, and know exactly how to roll it back.',
  why: {
    community: 'Community activity never really stops, so a deploy that needs manual repair happens in front of members.',
    coach: 'If a deploy breaks bookings, you need to undo it in minutes, not debug it while clients wait.',
    membership: 'Billing webhooks and access rules must survive every deploy, or members lose access they paid for.',
    ecommerce: 'A bad release during a sale costs orders by the minute; a tested rollback is the cheapest insurance you can buy.',
    b2b: 'Clients expect the same behaviour every day. Staging settings leaking into production is how that promise breaks.',
  },
  items: [
    { id: 's4.env-documented', title: 'Every environment variable has an owner, a purpose and a storage place', why: 'Undocumented settings are the top reason "it works locally" breaks in production.', checks: ['deploy.env-inventory'] },
    { id: 's4.secrets-store', title: 'Secrets come only from the host’s secret store, never from files in the repo', why: 'A committed .env file leaks every key at once.', checks: ['secrets.env-committed', 'secrets.repo'] },
    { id: 's4.environments', title: 'Staging and production use separate settings and separate keys', why: 'A test run should never charge a real card or email a real customer.', checks: ['deploy.env-parity'] },
    { id: 's4.build', title: 'The build runs from a clean checkout with written steps', why: 'If only one laptop can build it, only one person can ship a fix.' },
    { id: 's4.migrations', title: 'Database migrations are reversible and do not lock busy tables', why: 'A migration that locks the users table stops signups while it runs.' },
    { id: 's4.rollback-tested', title: 'Rolling back to the previous release has been tried once', why: 'An untested rollback plan usually fails when it is needed.' },
    { id: 's4.health-version', title: 'A health check reports the live version', why: 'When something breaks, the first question is which release is running.', checks: ['http.health', 'http.version'] },
    { id: 's4.smoke-test', title: 'A short smoke test runs after every deploy', why: 'It catches the broken login before the first customer does.', checks: ['deploy.smoke'] },
    { id: 's4.clean-output', title: 'The build output contains no secrets and no public source maps', why: 'Anything shipped to the browser can be read by anyone.', checks: ['secrets.bundle', 'secrets.sourcemaps', 'secrets.build-output'] },
    { id: 's4.jobs-webhooks', title: 'Background jobs and webhooks are confirmed working after the deploy', why: 'A deploy can look fine while emails and payment events silently stop.' },
  ],
  deliverable: 'A working production release, a deploy checklist someone else can follow, and rollback notes that have been tried.',
  failureSignals: [
    'The deploy succeeds but background jobs or webhooks fail silently.',
    'A migration locks a table while people are signing up.',
    'Nobody can tell which commit is live.',
  ],
}

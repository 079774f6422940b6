import type { CardKind } from '../domain/cards/knowledgeCard';
import type { SearchDocument } from './searchDocuments';

/*
 * A relevance test set for the search engine: cards a software community might keep, and
 * searches written the way people type them (paraphrases, typos, words found only in a
 * reply, identifiers and flags, inflections, half-typed words), each with the cards it
 * should find. Kept here so the relevance test and the benchmark measure the same thing.
 */

type Spec = [id: string, title: string, summary: string, tags: string[], kind: CardKind, ...messages: string[]];

const PEOPLE = ['Ada Lovelace', 'Grace Hopper', 'José Núñez', 'Linus Torvalds', 'Margaret Hamilton', 'Chloé Dubois', 'Kenji Sato'];

const CARDS: Spec[] = [
  ['npm-flaky', 'Fix flaky npm ci failures on CI runners', 'Pin the npm version and retry network fetches.', ['ci', 'npm'], 'how-to', 'npm ci keeps failing with ECONNRESET on our shared runners.', 'Set npm_config_fetch_retries=5 and pin npm to 10.8 in the image.', 'Also use --prefer-offline so the cache is used first.'],
  ['k8s-probes', 'Kubernetes liveness and readiness probes', 'When to use each probe and sensible timeouts.', ['k8s', 'kubernetes'], 'how-to', 'Our pods restart in a loop after deploy.', 'The liveness probe fires before the app is warm: add a startupProbe.'],
  ['tf-state-lock', 'Terraform state lock stuck after a cancelled run', 'Release the lock with force-unlock once nobody is applying.', ['terraform'], 'how-to', 'terraform plan says the state is locked by a run that was cancelled.', 'Run terraform force-unlock with the lock id, after checking nobody is applying.'],
  ['cert-rotation', 'Rotate TLS certificates before they expire', 'A calendar and an alert thirty days ahead.', ['security', 'tls'], 'lesson', 'The gateway certificate expired on Saturday and took the API down.', 'We now alert 30 days before expiry and renew with the ACME client.'],
  ['dotnet-upgrade', 'Upgrading services from .NET 6 to .NET 8', 'Target framework, breaking changes and container images.', ['dotnet'], 'case-study', 'We moved twelve services to .NET 8 in two sprints.', 'The biggest surprise was the change in the default container port to 8080.'],
  ['csharp-nullable', 'Turning on nullable reference types in C#', 'Enable per project, fix warnings file by file.', ['csharp'], 'how-to', 'How do we adopt nullable in a large C# codebase?', 'Enable it in one project at a time and treat warnings as errors only at the end.'],
  ['semver-release', 'Releasing v1.2.3: semantic versioning for our libraries', 'Patch for fixes, minor for features, major for breaks.', ['release'], 'decision', 'We agreed to follow semver strictly starting with v1.2.3.', 'Breaking changes need a major bump and a migration note.'],
  ['db-migration-rollback', 'Rolling back a failed database migration', 'Write the down migration first and test it on a copy.', ['database', 'migrations'], 'lesson', 'The migration dropped a column we still read.', 'We restored from the snapshot; now every migration ships with a tested rollback.'],
  ['feature-flags', 'Ship dark with feature flags', 'Merge early, release when ready, clean up flags after launch.', ['release', 'flags'], 'decision', 'We decided to put every unfinished feature behind a flag.', 'Flags older than 90 days get a cleanup ticket.'],
  ['canary-deploy', 'Canary deployments with automatic rollback', 'Send five percent of traffic, watch error rate, roll back on alert.', ['deploy'], 'how-to', 'How do we deploy without risking every user?', 'A canary gets 5% of traffic for 30 minutes; the pipeline rolls back if errors rise.'],
  ['onboarding-checklist', 'Onboarding checklist for new engineers', 'Accounts, laptop, first pull request in week one.', ['onboarding'], 'template', 'Here is the checklist we give every new joiner.', 'Add: pair with a buddy on the first ticket.'],
  ['postmortem-template', 'Blameless postmortem template', 'Timeline, impact, contributing factors, actions.', ['incident'], 'template', 'Use this template after every customer-facing incident.', 'Keep it blameless: describe systems, not people.'],
  ['oncall-paging', 'Reduce noisy on-call paging', 'Page only on symptoms users feel; route the rest to tickets.', ['oncall', 'alerts'], 'lesson', 'We were paged forty times a week for disk warnings.', 'Now only SLO burn alerts page; everything else opens a ticket.'],
  ['docker-layer-cache', 'Speed up Docker builds with layer caching', 'Copy the lockfile first so dependency layers are reused.', ['docker', 'ci'], 'how-to', 'Our image builds take fifteen minutes.', 'COPY package-lock.json before the source so npm install is cached.'],
  ['git-rebase', 'Rebase a long-lived branch without losing work', 'Use rebase --onto and keep a backup branch.', ['git'], 'how-to', 'My feature branch is 200 commits behind main.', 'Make a backup branch first, then git rebase --onto main.'],
  ['secrets-vault', 'Keep secrets out of the repository', 'Use the vault and short-lived tokens; scan commits.', ['security', 'secrets'], 'decision', 'Someone committed an API key to a public repo.', 'We rotate it, add secret scanning, and load secrets from the vault at runtime.'],
  ['api-rate-limit', 'Handling HTTP 429 rate limits from the partner API', 'Honour Retry-After and back off exponentially.', ['api'], 'how-to', 'The partner API answers 429 during the nightly sync.', 'Read the Retry-After header and add jitter to the backoff.'],
  ['graphql-n-plus-one', 'Fixing N+1 queries in the GraphQL server', 'Batch loads per request with a dataloader.', ['graphql', 'performance'], 'how-to', 'One page triggers 300 database queries.', 'A dataloader per request batched them into four.'],
  ['react-memo', 'When React.memo actually helps', 'Measure first; memoize expensive lists only.', ['react', 'performance'], 'lesson', 'We wrapped every component in memo and nothing got faster.', 'The profiler showed the list rendering was the only hot spot.'],
  ['a11y-contrast', 'Colour contrast for accessible dashboards', 'Meet WCAG AA 4.5:1 for text; check charts too.', ['accessibility'], 'how-to', 'A screen reader user could not read our grey labels.', 'We raised contrast to 4.5:1 and added patterns to charts.'],
  ['kafka-consumer-lag', 'Kafka consumer lag keeps growing', 'Scale partitions and consumers together; watch rebalance storms.', ['kafka', 'streaming'], 'how-to', 'Lag on the orders topic grows every evening.', 'We had more consumers than partitions; raising partitions to 24 fixed it.'],
  ['redis-eviction', 'Redis evicting keys under memory pressure', 'Set maxmemory-policy and size the cache for peak.', ['redis', 'cache'], 'how-to', 'Sessions vanish at peak hours.', 'maxmemory-policy was allkeys-lru; we moved sessions to their own instance.'],
  ['postgres-vacuum', 'Postgres autovacuum falling behind on big tables', 'Tune autovacuum per table; watch dead tuples.', ['postgres', 'database'], 'how-to', 'Table bloat doubled the size of events.', 'Lower autovacuum_vacuum_scale_factor for that table to 0.02.'],
  ['timezone-bug', 'Dates shift by one day for users in Auckland', 'Store UTC, render in the user’s zone, never parse dates without a zone.', ['dates'], 'lesson', 'Invoices in New Zealand showed yesterday’s date.', 'We parsed a date string as local time on the server.'],
  ['utf8-cafe', 'Café names garbled in exports', 'Write CSV as UTF-8 with a byte order mark for Excel.', ['csv', 'encoding'], 'how-to', 'Exported names like Café show as CafÃ©.', 'Excel needs the BOM to read UTF-8 correctly.'],
  ['python-venv', 'Python virtual environments for every project', 'One venv per repo, pinned with a lock file.', ['python'], 'decision', 'Global pip installs broke two projects.', 'Use python -m venv .venv and pip-tools to pin.'],
  ['mobile-release-train', 'Mobile release train every two weeks', 'Cut on Monday, submit Wednesday, phased rollout.', ['mobile', 'release'], 'decision', 'App store reviews made our releases unpredictable.', 'A fixed train with a phased rollout made them boring, which is good.'],
  ['code-review-guide', 'Code review guidelines', 'Small pull requests, review within a day, comment on code not people.', ['review'], 'template', 'What do we expect from a reviewer?', 'Approve when it is better than before, not perfect.'],
  ['flaky-tests', 'Quarantine flaky tests instead of retrying forever', 'Tag them, track them, fix or delete within a sprint.', ['testing', 'ci'], 'decision', 'Retries hid a real race condition for months.', 'Quarantined tests run separately and have an owner.'],
  ['load-testing', 'Load testing before Black Friday', 'Ramp to three times last year’s peak; watch p95 latency.', ['performance'], 'case-study', 'We load tested the checkout with k6.', 'The database connection pool was the first thing to break.'],
  ['dns-ttl', 'Lower DNS TTL before a migration', 'Drop TTL to 60 seconds a day before cutover.', ['dns', 'networking'], 'how-to', 'The cutover took hours because resolvers cached the old address.', 'Lower the TTL at least one old TTL before the switch.'],
  ['vpn-split-tunnel', 'Split tunnelling for the VPN', 'Route only internal ranges through the VPN.', ['networking', 'vpn'], 'decision', 'Video calls were choppy on the VPN.', 'Split tunnelling sends Teams traffic directly.'],
  ['s3-lifecycle', 'Storage costs: lifecycle rules for old logs', 'Move logs to cold storage after 30 days, delete after a year.', ['cost', 'storage'], 'how-to', 'Our storage bill doubled in six months.', 'Most of it was debug logs nobody read.'],
  ['cost-tagging', 'Tag every cloud resource with an owner', 'Untagged resources are reported weekly and removed after a month.', ['cost', 'cloud'], 'decision', 'Nobody knew who owned half the subscriptions.', 'A policy now denies resources without owner and cost-centre tags.'],
  ['helm-values', 'Managing Helm values per environment', 'One values file per environment; secrets from the vault.', ['helm', 'k8s'], 'how-to', 'Our values.yaml has grown to 900 lines.', 'Split it per environment and keep defaults in the chart.'],
  ['grafana-dashboards', 'Dashboards as code with Grafana', 'Keep dashboards in git, provision them on deploy.', ['observability'], 'how-to', 'Someone deleted the main dashboard by accident.', 'Provisioning from JSON in the repo means it comes back on the next deploy.'],
  ['tracing-otel', 'Distributed tracing with OpenTelemetry', 'Propagate trace context across queues and HTTP.', ['observability', 'tracing'], 'how-to', 'Traces stop at the message queue.', 'Inject the traceparent into message headers and extract it in the consumer.'],
  ['log-levels', 'Choosing log levels that help at 3am', 'Errors need action, warnings need attention, info tells the story.', ['logging'], 'lesson', 'Our logs were all INFO and useless during the outage.', 'We now log one line per request with its outcome.'],
  ['pairing', 'Pair programming for onboarding', 'Pair new joiners with a mentor for their first month.', ['onboarding', 'mentoring'], 'case-study', 'New engineers shipped to production in week two.', 'Pairing on real tickets worked better than reading docs.'],
  ['adr-template', 'Architecture decision record template', 'Context, decision, consequences; one page.', ['architecture'], 'template', 'Why did we choose event sourcing? Nobody remembers.', 'Every significant decision now gets an ADR in the repo.'],
  ['monorepo', 'Why we moved to a monorepo', 'Atomic changes across services and one toolchain.', ['architecture', 'git'], 'decision', 'Coordinating changes across nine repos took days.', 'The monorepo lets one pull request change the API and its clients.'],
  ['webpack-to-vite', 'Migrating the front end from webpack to Vite', 'Faster dev server; watch out for CommonJS dependencies.', ['frontend', 'build'], 'case-study', 'Cold start of the dev server took 90 seconds.', 'With Vite it starts in two; two old CommonJS packages needed optimizeDeps.'],
  ['eslint-prettier', 'ESLint and Prettier without fights', 'Let Prettier format and ESLint lint; turn off overlapping rules.', ['frontend', 'lint'], 'how-to', 'ESLint and Prettier keep undoing each other.', 'Use eslint-config-prettier to turn off the formatting rules.'],
  ['jwt-expiry', 'Access tokens expiring mid-request', 'Refresh a minute early and retry once on 401.', ['auth'], 'how-to', 'Users get logged out while saving long forms.', 'The client now refreshes tokens sixty seconds before expiry.'],
  ['oauth-scopes', 'Least-privilege OAuth scopes for integrations', 'Ask for read scopes only; review grants quarterly.', ['auth', 'security'], 'decision', 'An integration had write access to every mailbox.', 'We cut it to the two scopes it needs.'],
  ['backup-restore-drill', 'Quarterly backup restore drills', 'A backup you have never restored is not a backup.', ['backup', 'database'], 'lesson', 'The restore failed because the key for encrypted backups was lost.', 'We now restore a random backup every quarter.'],
  ['cron-overlap', 'Stop cron jobs from overlapping', 'Take a lock or use a scheduler that skips if running.', ['scheduling'], 'how-to', 'The nightly report ran twice and sent duplicate emails.', 'flock on the job script prevents a second run.'],
  ['queue-retries', 'Poison messages in the queue', 'Move a message to a dead-letter queue after five attempts.', ['queues'], 'how-to', 'One bad message blocked the whole worker.', 'After five attempts it goes to the dead-letter queue with the error.'],
  ['container-scanning', 'Scan container images for vulnerabilities', 'Scan on build, block critical CVEs, rebuild weekly.', ['security', 'docker'], 'decision', 'A base image had a critical CVE for three months.', 'The pipeline now fails on critical findings.'],
  ['dependabot', 'Keeping dependencies up to date', 'Weekly dependency pull requests, grouped by ecosystem.', ['dependencies'], 'how-to', 'We were two majors behind on everything.', 'Grouped weekly updates are small enough to merge on Monday.'],
  ['lockfile-conflicts', 'Resolving package-lock.json merge conflicts', 'Take main’s lockfile and run npm install again.', ['npm', 'git'], 'how-to', 'Every merge has a conflict in package-lock.json.', 'Check out the lockfile from main, then npm install to regenerate.'],
  ['bluegreen', 'Blue-green deployment for the billing service', 'Two environments, switch traffic at the load balancer.', ['deploy'], 'case-study', 'Billing cannot have downtime at month end.', 'We switch the load balancer between blue and green and keep the old one warm.'],
  ['sla-slo', 'Writing SLOs people can use', 'Pick a user journey, a threshold and a window.', ['reliability'], 'how-to', 'Our SLA promises 99.99% but we measure nothing.', 'Start with one SLO for checkout latency under 300 ms.'],
  ['incident-comms', 'Communicating during an incident', 'One channel, one incident lead, updates every 30 minutes.', ['incident'], 'template', 'Customers heard about the outage from Twitter first.', 'The status page gets an update every thirty minutes.'],
  ['gdpr-deletion', 'Handling GDPR deletion requests', 'Find the person in every store, delete within 30 days, keep a record.', ['privacy'], 'how-to', 'A customer asked us to delete all their data.', 'We keep a map of where personal data lives.'],
  ['ml-model-drift', 'Detecting model drift in production', 'Compare live feature distributions with training data weekly.', ['ml'], 'how-to', 'The recommendation model got worse slowly.', 'A weekly drift report caught the change in user behaviour.'],
  ['notebook-to-pipeline', 'From notebook to production pipeline', 'Move code out of notebooks into tested modules.', ['ml', 'python'], 'lesson', 'The notebook worked on one laptop only.', 'Packaging the feature code as a module made it testable.'],
  ['excel-macros', 'Retiring the finance Excel macros', 'Replace macros with a small service and a report.', ['finance'], 'case-study', 'A macro only one person understood ran month-end close.', 'We rebuilt it as a service with tests.'],
  ['meeting-notes', 'Meeting notes template for community calls', 'Agenda, decisions, actions with owners.', ['community'], 'template', 'Nobody knew what we decided last call.', 'Decisions and actions go at the top.'],
  ['show-and-tell', 'Running a monthly show and tell', 'Three five-minute demos and open questions.', ['community'], 'how-to', 'How do we get people to share their work?', 'Short demos and a friendly host made people volunteer.'],
  ['hiring-loop', 'Structured interviews for engineers', 'Same questions, scored rubric, debrief before sharing opinions.', ['hiring'], 'decision', 'Interviewers anchored on the first opinion.', 'Everyone writes their score before the debrief.'],
  ['wifi-office', 'Office Wi-Fi drops during video calls', 'Use the 5 GHz network and report access points that drop.', ['office', 'networking'], 'how-to', 'Calls drop every afternoon on the third floor.', 'The access point near the kitchen was overloaded; facilities added another.'],
  ['laptop-encryption', 'Full-disk encryption on developer laptops', 'BitLocker or FileVault, with recovery keys escrowed.', ['security', 'devices'], 'decision', 'A stolen laptop had customer data on it.', 'Encryption is now enforced by device management.'],
  ['sql-index', 'Slow query? Check the index first', 'Read the query plan; add a composite index in the right order.', ['database', 'performance'], 'how-to', 'The orders search takes eight seconds.', 'EXPLAIN showed a sequential scan; an index on (customer_id, created_at) fixed it.'],
  ['websocket-reconnect', 'Reconnecting WebSockets gracefully', 'Back off with jitter and resume from the last event id.', ['frontend', 'realtime'], 'how-to', 'After a deploy every client reconnects at once.', 'Jittered backoff spread the reconnects over a minute.'],
];

/** Titles and words of filler cards, so the set is larger than its answers and ranking matters. */
const FILLER_TOPICS = [
  'build pipeline', 'release notes', 'team retro', 'sprint planning', 'design review', 'service ownership', 'runbook',
  'capacity planning', 'data retention', 'access review', 'vendor evaluation', 'budget forecast', 'style guide',
  'api versioning', 'error budget', 'load balancer', 'message schema', 'cache invalidation', 'test coverage', 'release checklist',
];
const FILLER_WORDS = (
  'update process owner weekly review shared document team service notes plan draft change approval metrics report ' +
  'config staging production customer internal external follow schedule template summary question answer link'
).split(' ');

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function fillers(count: number): Spec[] {
  const random = seeded(24);
  const pick = (list: string[]) => list[Math.floor(random() * list.length)];
  const kinds: CardKind[] = ['how-to', 'template', 'decision', 'lesson', 'case-study', 'link'];
  return Array.from({ length: count }, (_, i) => {
    const topic = pick(FILLER_TOPICS);
    const words = Array.from({ length: 12 }, () => pick(FILLER_WORDS));
    return [
      `filler-${i}`,
      `${topic[0].toUpperCase()}${topic.slice(1)}: ${words.slice(0, 3).join(' ')}`,
      words.slice(3, 9).join(' '),
      [topic.split(' ')[0]],
      kinds[i % kinds.length],
      `Notes on ${topic}: ${words.join(' ')}.`,
      `Reply about the ${pick(FILLER_WORDS)} ${pick(FILLER_WORDS)} of the ${topic}.`,
    ];
  });
}

/** The set's cards as search documents: the answers and fillers to 200 or more. */
export function relevanceDocuments(): SearchDocument[] {
  const specs = [...CARDS, ...fillers(Math.max(0, 210 - CARDS.length))];
  return specs.map(([id, title, summary, tags, kind, ...messages], i) => {
    const createdAt = new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString();
    const authorNames = messages.map((_, m) => PEOPLE[(i + m) % PEOPLE.length]);
    return {
      summary: {
        id,
        title,
        summary,
        excerpt: messages.join('\n').slice(0, 500),
        kind,
        tags,
        authorNames: [...new Set(authorNames)],
        harvesterName: PEOPLE[i % PEOPLE.length],
        createdAt,
        archived: false,
        reviewDueAt: '2027-06-01T00:00:00.000Z',
        ownerId: `owner-${i % 7}`,
      },
      updatedAt: createdAt,
      revision: 1,
      text: messages.join('\n'),
      authorNames: [...new Set(authorNames)],
    };
  });
}

/** A search as typed, and the card (or cards) it should find. */
export interface RelevanceQuery {
  query: string;
  expected: string[];
  /** What the query tests, for the report. */
  kind: 'paraphrase' | 'typo' | 'reply' | 'identifier' | 'inflection' | 'typing' | 'accent' | 'phrase' | 'author' | 'plain';
}

/** Searches as people type them; a trailing space means the last word is finished. */
export const RELEVANCE_QUERIES: RelevanceQuery[] = [
  { query: 'npm ci keeps failing ', expected: ['npm-flaky'], kind: 'paraphrase' },
  { query: 'ECONNRESET', expected: ['npm-flaky'], kind: 'identifier' },
  { query: 'npm_config_fetch_retries', expected: ['npm-flaky'], kind: 'identifier' },
  { query: '--prefer-offline', expected: ['npm-flaky'], kind: 'identifier' },
  { query: 'pods restarting after deploy', expected: ['k8s-probes'], kind: 'paraphrase' },
  { query: 'k8s', expected: ['k8s-probes', 'helm-values'], kind: 'identifier' },
  { query: 'kuberntes probes', expected: ['k8s-probes'], kind: 'typo' },
  { query: 'startupProbe', expected: ['k8s-probes'], kind: 'reply' },
  { query: 'terraform locked state', expected: ['tf-state-lock'], kind: 'paraphrase' },
  { query: 'force-unlock', expected: ['tf-state-lock'], kind: 'identifier' },
  { query: 'certificate expired', expected: ['cert-rotation'], kind: 'inflection' },
  { query: 'certficate renewal', expected: ['cert-rotation'], kind: 'typo' },
  { query: '.NET 8', expected: ['dotnet-upgrade'], kind: 'identifier' },
  { query: 'C# nullable', expected: ['csharp-nullable'], kind: 'identifier' },
  { query: 'v1.2.3', expected: ['semver-release'], kind: 'identifier' },
  { query: 'semantic versioning', expected: ['semver-release'], kind: 'plain' },
  { query: 'undo a migration that failed', expected: ['db-migration-rollback'], kind: 'paraphrase' },
  { query: 'rollbacks', expected: ['db-migration-rollback', 'canary-deploy'], kind: 'inflection' },
  { query: 'feature flag cleanup', expected: ['feature-flags'], kind: 'inflection' },
  { query: 'deploying to a small percentage of traffic', expected: ['canary-deploy'], kind: 'inflection' },
  { query: 'new joiner first week', expected: ['onboarding-checklist'], kind: 'paraphrase' },
  { query: 'onboardng', expected: ['onboarding-checklist', 'pairing'], kind: 'typo' },
  { query: 'blameless', expected: ['postmortem-template', 'incident-comms'], kind: 'plain' },
  { query: 'too many pages at night', expected: ['oncall-paging'], kind: 'paraphrase' },
  { query: 'docker build slow', expected: ['docker-layer-cache'], kind: 'paraphrase' },
  { query: 'rebase --onto', expected: ['git-rebase'], kind: 'identifier' },
  { query: 'api key committed to github', expected: ['secrets-vault'], kind: 'paraphrase' },
  { query: 'Retry-After', expected: ['api-rate-limit'], kind: 'identifier' },
  { query: '429 too many requests', expected: ['api-rate-limit'], kind: 'identifier' },
  { query: 'dataloader', expected: ['graphql-n-plus-one'], kind: 'reply' },
  { query: 'graphql too many database queries', expected: ['graphql-n-plus-one'], kind: 'paraphrase' },
  { query: 'memoization react', expected: ['react-memo'], kind: 'inflection' },
  { query: 'contrast screen reader', expected: ['a11y-contrast'], kind: 'plain' },
  { query: 'kafka lag', expected: ['kafka-consumer-lag'], kind: 'plain' },
  { query: 'consumers partitions', expected: ['kafka-consumer-lag'], kind: 'reply' },
  { query: 'redis evicted sessions', expected: ['redis-eviction'], kind: 'inflection' },
  { query: 'maxmemory-policy', expected: ['redis-eviction'], kind: 'identifier' },
  { query: 'postgres bloat', expected: ['postgres-vacuum'], kind: 'reply' },
  { query: 'autovacum', expected: ['postgres-vacuum'], kind: 'typo' },
  { query: 'date off by one day new zealand', expected: ['timezone-bug'], kind: 'paraphrase' },
  { query: 'cafe export', expected: ['utf8-cafe'], kind: 'accent' },
  { query: 'Café', expected: ['utf8-cafe'], kind: 'accent' },
  { query: 'python venv', expected: ['python-venv'], kind: 'plain' },
  { query: 'app store release schedule', expected: ['mobile-release-train'], kind: 'paraphrase' },
  { query: 'reviewing pull requests', expected: ['code-review-guide'], kind: 'inflection' },
  { query: 'flakey tests', expected: ['flaky-tests'], kind: 'typo' },
  { query: 'race condition hidden by retries', expected: ['flaky-tests'], kind: 'reply' },
  { query: 'black friday load test', expected: ['load-testing'], kind: 'plain' },
  { query: 'DNS TTL cutover', expected: ['dns-ttl'], kind: 'plain' },
  { query: 'choppy video calls vpn', expected: ['vpn-split-tunnel'], kind: 'paraphrase' },
  { query: 'storage bill', expected: ['s3-lifecycle'], kind: 'reply' },
  { query: 'who owns this subscription', expected: ['cost-tagging'], kind: 'paraphrase' },
  { query: 'values.yaml', expected: ['helm-values'], kind: 'identifier' },
  { query: 'dashboard deleted', expected: ['grafana-dashboards'], kind: 'inflection' },
  { query: 'traceparent', expected: ['tracing-otel'], kind: 'reply' },
  { query: 'opentelem', expected: ['tracing-otel'], kind: 'typing' },
  { query: 'log levels', expected: ['log-levels'], kind: 'plain' },
  { query: 'mentor new engineers', expected: ['pairing'], kind: 'paraphrase' },
  { query: 'ADR', expected: ['adr-template'], kind: 'plain' },
  { query: 'monorep', expected: ['monorepo'], kind: 'typing' },
  { query: 'vite commonjs', expected: ['webpack-to-vite'], kind: 'plain' },
  { query: 'eslint-config-prettier', expected: ['eslint-prettier'], kind: 'identifier' },
  { query: 'logged out while saving', expected: ['jwt-expiry'], kind: 'reply' },
  { query: 'oauth scope', expected: ['oauth-scopes'], kind: 'inflection' },
  { query: 'restoring backups', expected: ['backup-restore-drill'], kind: 'inflection' },
  { query: 'cron running twice', expected: ['cron-overlap'], kind: 'paraphrase' },
  { query: 'dead-letter', expected: ['queue-retries'], kind: 'identifier' },
  { query: 'critical CVE base image', expected: ['container-scanning'], kind: 'plain' },
  { query: 'package-lock.json conflict', expected: ['lockfile-conflicts'], kind: 'identifier' },
  { query: 'blue green', expected: ['bluegreen'], kind: 'plain' },
  { query: 'SLO checkout latency', expected: ['sla-slo'], kind: 'plain' },
  { query: 'status page updates', expected: ['incident-comms'], kind: 'plain' },
  { query: 'delete personal data request', expected: ['gdpr-deletion'], kind: 'paraphrase' },
  { query: 'model drift', expected: ['ml-model-drift'], kind: 'plain' },
  { query: 'jupyter notebook production', expected: ['notebook-to-pipeline'], kind: 'paraphrase' },
  { query: 'month-end macro', expected: ['excel-macros'], kind: 'identifier' },
  { query: '"show and tell"', expected: ['show-and-tell'], kind: 'phrase' },
  { query: '"dead-letter queue"', expected: ['queue-retries'], kind: 'phrase' },
  { query: 'interview rubric', expected: ['hiring-loop'], kind: 'plain' },
  { query: 'wifi drops', expected: ['wifi-office'], kind: 'inflection' },
  { query: 'bitlocker', expected: ['laptop-encryption'], kind: 'plain' },
  { query: 'slow query index', expected: ['sql-index'], kind: 'plain' },
  { query: 'websocket reconect', expected: ['websocket-reconnect'], kind: 'typo' },
  { query: 'terraform Núñez', expected: ['tf-state-lock'], kind: 'author' },
];

/** Recall at 5 (share of searches whose expected card is among the first five) and mean reciprocal rank. */
export interface RelevanceFigures {
  queries: number;
  cards: number;
  recallAt5: number;
  mrr: number;
  misses: { query: string; expected: string[]; got: string[] }[];
}

/** Scores one search function over the set: a hit when any expected card is in the top five. */
export async function evaluateRelevance(
  search: (query: string) => Promise<string[]>,
  cards: number,
): Promise<RelevanceFigures> {
  let found = 0;
  let reciprocal = 0;
  const misses: RelevanceFigures['misses'] = [];
  for (const { query, expected } of RELEVANCE_QUERIES) {
    const ids = await search(query);
    const rank = ids.findIndex((id) => expected.includes(id));
    if (rank >= 0 && rank < 5) found += 1;
    else misses.push({ query, expected, got: ids.slice(0, 5) });
    if (rank >= 0) reciprocal += 1 / (rank + 1);
  }
  return { queries: RELEVANCE_QUERIES.length, cards, recallAt5: found / RELEVANCE_QUERIES.length, mrr: reciprocal / RELEVANCE_QUERIES.length, misses };
}

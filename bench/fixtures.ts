/** Deterministic pseudo-random numbers, so every run seeds the same community. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Words of a software community's vocabulary, for titles and summaries. */
export const VOCABULARY = (
  'deploy deployment pipeline cache runner kubernetes cluster probe liveness readiness helm chart terraform module ' +
  'state backend secret vault rotation certificate renewal dns record outage incident postmortem alert paging ' +
  'latency throughput database index migration schema rollback feature flag release canary bluegreen rollout ' +
  'logging tracing metrics dashboard grafana prometheus budget cost tagging policy review approval branch merge ' +
  'rebase conflict test flaky retry timeout mock fixture coverage lint format style guide onboarding mentor ' +
  'pairing documentation runbook checklist template decision architecture record api gateway auth token scope ' +
  'tenant isolation queue worker batch schedule cron backup restore snapshot replica failover region network ' +
  'firewall proxy tunnel container image registry scan vulnerability patch upgrade dependency lockfile build ' +
  'compile bundle webpack vite react component accessibility contrast keyboard screen reader localisation'
).split(' ');

/** Tags a community uses. */
export const TAGS = ['ci', 'cd', 'k8s', 'cloud', 'security', 'data', 'frontend', 'backend', 'ops', 'quality', 'docs', 'people'];

/** Picks `count` distinct words. */
export function pick(random: () => number, words: string[], count: number): string[] {
  const chosen = new Set<string>();
  while (chosen.size < count) chosen.add(words[Math.floor(random() * words.length)]);
  return [...chosen];
}

/** Queries people type: partial words, whole words, two words. */
export function benchmarkQueries(random: () => number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const [a, b] = pick(random, VOCABULARY, 2);
    switch (i % 3) {
      case 0:
        return a.slice(0, Math.max(3, Math.ceil(a.length / 2)));
      case 1:
        return a;
      default:
        return `${a} ${b.slice(0, 4)}`;
    }
  });
}

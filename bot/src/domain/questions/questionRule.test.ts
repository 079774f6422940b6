import { readsAsQuestion } from './questionRule';

describe('the question rule (English)', () => {
  it.each([
    'How do I rotate the storage keys without downtime',
    'how does the build cache get invalidated',
    'Has anyone used Bicep modules across subscriptions',
    'Why does the pipeline fail on Mondays',
    'Is there a template for incident reviews',
    'Can someone review my Terraform plan',
    'Could anyone point me at the on-call runbook',
    'Does anybody know who owns the DNS zones',
    'Anyone know a good way to seed test data',
    'What’s the policy on public repos',
    'Which region should we pick for the EU tenant',
    'Where can I find the architecture decision records',
    'Hi all, has anyone migrated from Jenkins',
    'Hey folks! How can we speed up the deploy',
    'Good morning team, is there a way to skip the approval',
    'Any tips for writing runbooks',
    'Quick question: the staging URL changed',
    'I was wondering if the SDK supports retries',
    'We deploy on Fridays, right?',
    'Should we pin the provider versions?',
    'Terraform state locking with Azure blobs?',
    'Thoughts on the new review process? 🤔',
    'Is this expected?!',
    'Does the cache survive a restart? (asking for the release)',
    'Anyone seen this error before? "connection reset"',
    'Where is the runbook？',
    'HOW DO I GET ACCESS TO PROD',
  ])('counts "%s"', (text) => {
    expect(readsAsQuestion(text)).toBe(true);
  });

  it.each([
    'Deploys are green again.',
    'I fixed the flaky test by warming the runner cache.',
    'Shipping the release notes tomorrow!',
    'Howdy everyone, the demo is at 3',
    'Whichever way we go, we need a runbook.',
    'Isthmus is the new code name',
    'Canary rollout starts now',
    'Here is how I solved it: pin the provider.',
    'The question is settled: we use Bicep.',
    '?',
    '???',
    '',
    '   ',
    '🤔',
    'Hi all',
    'See https://example.com/docs?page=2',
    'Can’t wait for the demo',
    'Do not merge on Fridays.',
    'Isn’t it great that the build is green.',
    'Should be fixed now.',
  ])('does not count "%s"', (text) => {
    expect(readsAsQuestion(text)).toBe(false);
  });

  it('reads curly apostrophes and spread-out whitespace as plain ones', () => {
    expect(readsAsQuestion('why  doesn’t\nthe build start')).toBe(true);
  });
});

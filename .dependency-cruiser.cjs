/**
 * The layers, checked on every `npm run lint`. Rules speak of production code: a test may
 * reach past its layer to set up real parts (an integration test of a use case opens tables).
 */
const TESTS = '\\.(test|int\\.test|e2e\\.test)\\.tsx?$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'The domain imports nothing outside itself but luxon, rrule and node:crypto.',
      severity: 'error',
      from: { path: '^bot/src/domain/', pathNot: TESTS },
      to: { pathNot: ['^bot/src/domain/', '^node_modules/(luxon|rrule|@types/luxon)/', '^crypto$', '^node:crypto$'] },
    },
    {
      name: 'storage-knows-no-edge',
      comment: 'Storage adapters do not reach into the Teams handlers, the API or the HTTP edge.',
      severity: 'error',
      from: { path: '^bot/src/storage/', pathNot: TESTS },
      to: { path: '^bot/src/(teams|api|http)/' },
    },
    {
      name: 'tab-speaks-only-the-contract',
      comment: 'The tab imports its own code and, from the service, only the shared contract and the pure domain rules it reuses.',
      severity: 'error',
      from: { path: '^tab/src/' },
      to: { path: '^bot/src/', pathNot: ['^bot/src/api/(contract|ritualContract)\\.ts$', '^bot/src/domain/'] },
    },
    {
      name: 'tab-runs-in-a-browser',
      comment: 'Nothing the tab reaches, through the contract or the domain, is a Node built-in module.',
      severity: 'error',
      from: { path: '^tab/src/', pathNot: TESTS },
      to: { path: '^(node:)?[a-z_/]+$', reachable: true },
    },
    {
      name: 'no-circular-layers',
      comment: 'The composition root wires everything; nothing imports it back.',
      severity: 'error',
      from: { path: '^bot/src/', pathNot: ['^bot/src/(index|service)\\.ts$', TESTS] },
      to: { path: '^bot/src/service\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|\\.deploy|\\.data|\\.artifacts|coverage)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};

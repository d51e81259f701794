// Composition root. Until the Slack app lands, `npm start` explains what exists.
console.log(
  [
    'writeoff: the write-off engine is in place (src/domain).',
    'The Slack app is not wired up yet; run `npm test` to exercise the engine.',
  ].join('\n'),
);

// The fake Slack Web API lives in src/sandbox (the browser sandbox runs on it too); tests import
// it from here.
export * from '../../src/sandbox/fake-slack-api.ts';

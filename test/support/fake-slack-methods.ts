// The fake Slack's method handlers live in src/sandbox; tests import them from here.
export * from '../../src/sandbox/fake-slack-methods.ts';

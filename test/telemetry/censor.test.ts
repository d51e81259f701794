// The log's second line of defence (src/telemetry/censor.ts): fields named like a secret are
// censored at the top of an event and one level down, errors included, and the objects the
// caller logged are left as they were.
import { describe, expect, it } from 'vitest';
import { CENSORED } from '../../src/telemetry/censor.ts';
import { boltLogger, createPino } from '../../src/telemetry/logger.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createPino({
    pretty: false,
    destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
  });
  return { logger, lines };
}

describe('log censoring', () => {
  it('censors secret-named fields at the top and one level down, and nothing else', () => {
    const { logger, lines } = capture();
    const headers = { authorization: 'Bearer xoxb-1', accept: 'json' };
    const fields = {
      event: 'slack.interaction',
      token: 'xoxb-1',
      body: 'payload=…',
      headers,
      client: { botToken: 'xoxb-2', appToken: 'xapp-1', signingSecret: 's', team: 'T1' },
      user: 'U1',
    };
    logger.info(fields, 'hello');
    expect(lines[0]).toMatchObject({
      event: 'slack.interaction',
      token: CENSORED,
      body: CENSORED,
      headers: { authorization: CENSORED, accept: 'json' },
      client: { botToken: CENSORED, appToken: CENSORED, signingSecret: CENSORED, team: 'T1' },
      user: 'U1',
      msg: 'hello',
    });
    expect(headers.authorization).toBe('Bearer xoxb-1');
    expect(fields.token).toBe('xoxb-1');
  });

  it('censors an error’s own secret-named fields and keeps its message and type', () => {
    const { logger, lines } = capture();
    const error = Object.assign(new TypeError('call failed'), { token: 'xoxb-1', code: 'E1' });
    boltLogger(logger).error('Web API call failed', error);
    const logged = lines[0]?.err as Record<string, unknown>;
    expect(logged).toMatchObject({
      type: 'TypeError',
      message: 'call failed',
      token: CENSORED,
      code: 'E1',
    });
    expect(String(logged.stack)).toContain('call failed');
    expect(error.token).toBe('xoxb-1');
    expect(JSON.stringify(lines)).not.toContain('xoxb-1');
  });

  it('passes an event with nothing to censor through as it is', () => {
    const { logger, lines } = capture();
    logger.info({ event: 'job.run', job: 'outbox', ms: 3 });
    expect(lines[0]).toMatchObject({ event: 'job.run', job: 'outbox', ms: 3, level: 'info' });
  });
});

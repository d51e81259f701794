// What /healthz reports: the database takes a write now. A read-only file, a full disk or a
// lost connection answers 503 with the reason, so a process manager or an operator sees it before
// a user's approval fails (docs/slack-setup.md).
import type { WriteProbe } from '../db/store.ts';
import type { AppDeps } from './deps.ts';

export type Health = WriteProbe;

export function checkHealth(deps: AppDeps): Health {
  const probe = deps.store.probeWrite(deps.now().getTime());
  return probe.ok
    ? probe
    : { ok: false, reason: `the database cannot be written: ${probe.reason}` };
}

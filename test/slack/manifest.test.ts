// manifest.yml against Slack's app-manifest schema (a re-authored subset, ADR 021) and against the
// code: the command, the single request path, the options URL, App Home, and the scope list.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EVENTS_PATH, SLASH_COMMAND } from '../../src/slack/ids.ts';
import { EXPECTED_BOT_SCOPES } from '../../src/slack/scopes.ts';

type Json = Record<string, unknown>;
interface Manifest {
  features: {
    app_home: Json;
    slash_commands: { command: string; url?: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url?: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url?: string; message_menu_options_url?: string };
    socket_mode_enabled: boolean;
  };
}

const root = new URL('../../', import.meta.url);
const schema = JSON.parse(
  readFileSync(new URL('test/fixtures/slack-manifest/manifest.schema.subset.json', root), 'utf8'),
) as Json;
const loadManifest = (): Manifest =>
  parse(readFileSync(new URL('manifest.yml', root), 'utf8')) as Manifest;

// Slack's schema uses `format: uri` and Ajv's strict mode refuses it.
const ajv = new Ajv({ strict: false, allErrors: true });
// ajv-formats is CommonJS with `exports.default`; under NodeNext its default import is the module.
const addFormats = (addFormatsModule as unknown as { default: (a: Ajv) => Ajv }).default;
addFormats(ajv);
const validate = ajv.compile(schema);

const errorsOf = (manifest: unknown): string[] => {
  validate(manifest);
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`.trim());
};

describe('manifest.yml', () => {
  it('is valid against the app-manifest schema', () => {
    expect(errorsOf(loadManifest())).toEqual([]);
  });

  it('requests exactly EXPECTED_BOT_SCOPES', () => {
    const scopes = loadManifest().oauth_config.scopes.bot;
    expect(new Set(scopes)).toEqual(new Set(EXPECTED_BOT_SCOPES));
    expect(scopes).toHaveLength(new Set(scopes).size);
  });

  it('declares the slash command the code listens for', () => {
    const commands = loadManifest().features.slash_commands.map((c) => c.command);
    expect(commands).toEqual([SLASH_COMMAND]);
  });

  it('sends commands, interactivity, options and events to the one Bolt endpoint', () => {
    const m = loadManifest();
    const urls = [
      ...m.features.slash_commands.map((c) => c.url),
      m.settings.event_subscriptions.request_url,
      m.settings.interactivity.request_url,
      m.settings.interactivity.message_menu_options_url,
    ];
    for (const url of urls) expect(new URL(String(url)).pathname).toBe(EVENTS_PATH);
    expect(new Set(urls).size).toBe(1);
    expect(m.settings.interactivity.is_enabled).toBe(true);
  });

  it('enables the Home tab and subscribes to app_home_opened, and nothing else', () => {
    const m = loadManifest();
    expect(m.features.app_home.home_tab_enabled).toBe(true);
    expect(m.settings.event_subscriptions.bot_events).toEqual(['app_home_opened']);
  });

  it('stays valid as the Socket Mode variant described in docs/slack-setup.md', () => {
    const m = loadManifest();
    for (const command of m.features.slash_commands) delete command.url;
    delete m.settings.event_subscriptions.request_url;
    delete m.settings.interactivity.request_url;
    delete m.settings.interactivity.message_menu_options_url;
    m.settings.socket_mode_enabled = true;
    expect(errorsOf(m)).toEqual([]);
  });
});

describe('the manifest schema catches mistakes', () => {
  const broken = (mutate: (m: Manifest & Json) => void): string[] => {
    const m = loadManifest() as Manifest & Json;
    mutate(m);
    return errorsOf(m);
  };

  it.each([
    [
      'a 36-character name',
      (m: Json) => {
        (m.display_information as Json).name = 'x'.repeat(36);
      },
      '/display_information/name',
    ],
    [
      'a command without a slash',
      (m: Manifest) => {
        m.features.slash_commands[0] = { command: 'writeoff' };
      },
      '/features/slash_commands/0',
    ],
    [
      'an unknown key under interactivity',
      (m: Manifest) => {
        (m.settings.interactivity as Json).options_url = 'https://x.example/slack/events';
      },
      '/settings/interactivity',
    ],
    [
      'a background colour that is not #RRGGBB',
      (m: Json) => {
        (m.display_information as Json).background_color = 'blue';
      },
      '/display_information/background_color',
    ],
    [
      'a long description under 175 characters',
      (m: Json) => {
        (m.display_information as Json).long_description = 'Too short.';
      },
      '/display_information/long_description',
    ],
    [
      'a request URL that is not http(s)',
      (m: Manifest) => {
        m.settings.event_subscriptions.request_url = 'ftp://x.example/slack/events';
      },
      '/settings/event_subscriptions/request_url',
    ],
    [
      'a missing display_information',
      (m: Json) => {
        delete m.display_information;
      },
      '',
    ],
  ])('rejects %s', (_name, mutate, pointer) => {
    const errors = broken(mutate as (m: Manifest & Json) => void);
    expect(errors.some((e) => e.startsWith(pointer))).toBe(true);
    expect(errors.length).toBeGreaterThan(0);
  });
});

// IANA time zones for a picker with type-ahead (the digest's zone in App Home, docs/digest.md).
// Pure: the list is Intl's (the zones this Node knows, so every pick passes isTimeZone).

let cached: readonly string[] | undefined;

/** Every zone Intl knows, `UTC` first. */
export function allTimeZones(): readonly string[] {
  cached ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  return cached;
}

/**
 * Zones matching what was typed: every word of the query (spaces or underscores, any case)
 * occurs in the zone's name, so `new york`, `york` and `america/new` all find America/New_York.
 * Zones whose city starts with the query come first; at most `limit`.
 */
export function matchTimeZones(query: string, limit: number): string[] {
  const words = query.toLowerCase().replace(/_/g, ' ').split(/\s+/).filter(Boolean);
  const name = (zone: string) => zone.toLowerCase().replace(/_/g, ' ');
  const city = (zone: string) => name(zone.slice(zone.lastIndexOf('/') + 1));
  const found = allTimeZones().filter((zone) => words.every((w) => name(zone).includes(w)));
  const first = words.join(' ');
  const ranked = [
    ...found.filter((z) => first !== '' && city(z).startsWith(first)),
    ...found.filter((z) => first === '' || !city(z).startsWith(first)),
  ];
  return ranked.slice(0, limit);
}

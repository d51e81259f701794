// `private_metadata` of the manual write-off modal: a small versioned JSON object holding only
// the draft id (the draft itself lives in SQLite, ADR 040).
import { z } from 'zod';

const metadataSchema = z.object({ v: z.literal(1), draft: z.string().min(1).max(100) });

export function encodeDraftMetadata(draftId: string): string {
  return JSON.stringify({ v: 1, draft: draftId });
}

/** The draft id, or null when the metadata is not ours (or was tampered with). */
export function parseDraftMetadata(text: string | undefined): string | null {
  if (text === undefined || text === '') return null;
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.draft : null;
  } catch {
    return null;
  }
}

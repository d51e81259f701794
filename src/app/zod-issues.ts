// Validation problems in the words the import uses (`invoices[3].lines[0].due: is required`):
// a path and a plain sentence, never the validation library's own text. Shared by the A/R file
// import and the CLI's manual request file.
import type { z } from 'zod';

/** `base` followed by the issue's path: `.field` for keys, `[3]` for indexes. */
export function issuePath(base: string, path: readonly PropertyKey[]): string {
  let out = base;
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

export function plainIssueMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      // zod leaves `input` out of issues; its default message ends with what it received.
      if (!issue.message.startsWith('Invalid input')) return issue.message;
      return issue.message.endsWith('received undefined')
        ? 'is required'
        : `must be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`;
    case 'unrecognized_keys':
      return `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      if (issue.origin === 'array') {
        return `must have at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`;
      }
      return issue.message;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => `"${String(v)}"`).join(', ')}`;
    default:
      return issue.message;
  }
}

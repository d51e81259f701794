// Slack member ids on the command line.
import { fail } from './context.ts';

// Slack shows member ids as U… (W… on Enterprise Grid). A name, an @mention or a lower-case id
// typed here would be granted to nobody, silently: refuse it before touching the database.
const SLACK_USER_ID = /^[UW][A-Z0-9]+$/;

export function checkUserId(userId: string): void {
  if (!SLACK_USER_ID.test(userId)) {
    fail(
      `user: "${userId}" is not a Slack user id like U0123ABCD (Slack profile → ⋮ → Copy member ID)`,
    );
  }
}

// Who the bot is (its workspace, bot id and bot user id), from one `auth.test`. Bolt's own
// lazy lookup (tokenVerificationEnabled: false) asks `auth.test` again on every request — one
// extra Web API round trip per interaction; this one asks once and again only after a failure,
// so a Slack outage at start-up does not stick and does not kill the process either.

export interface BotIdentity {
  readonly teamId: string;
  /** Absent when `auth.test` does not say (a user token, say); Bolt then has none either. */
  readonly botId?: string;
  readonly botUserId?: string;
}

interface AuthTestAnswer {
  readonly team_id?: string;
  readonly bot_id?: string;
  readonly user_id?: string;
}

/** A memoised `auth.test`; a failed or incomplete answer is forgotten and asked again. */
export function botIdentityLookup(
  authTest: () => Promise<AuthTestAnswer>,
): () => Promise<BotIdentity> {
  let pending: Promise<BotIdentity> | null = null;
  return () => {
    if (pending !== null) return pending;
    const asked = authTest().then(identityOf);
    pending = asked;
    asked.catch(() => {
      if (pending === asked) pending = null;
    });
    return asked;
  };
}

function identityOf(answer: AuthTestAnswer): BotIdentity {
  const { team_id: teamId, bot_id: botId, user_id: botUserId } = answer;
  if (!teamId) throw new Error('auth.test returned no team_id');
  return { teamId, ...(botId && { botId }), ...(botUserId && { botUserId }) };
}

// What a modal says when its submission is not a shape Slack could have sent (a forged or
// damaged body): a field error the user can read, never Bolt's generic error handler.
export const UNREADABLE_FORM = 'This form could not be read. Close it and open it again.';

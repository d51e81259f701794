// The shape of an automatic run's criteria as the CLI and Slack write them: stored with a request
// at submit (`criteria_json`) and carried between modal steps. One schema so both read alike.
import { z } from 'zod';

const range = z.object({ from: z.string(), to: z.string() });

export const autoRunInputSchema = z.object({
  type: z.enum(['finance-charge', 'invoice-balance', 'account-balance']),
  value: z.string(),
  fcPercent: z.enum(['all-lines', 'from-line-1']).optional(),
  olderThan: z.string(),
  startDate: z.string().optional(),
  customers: range.optional(),
  invoices: range.optional(),
  period: z.string(),
  date: z.string(),
  account: z.string().optional(),
});

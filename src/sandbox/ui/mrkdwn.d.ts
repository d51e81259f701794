// Types for the page's mrkdwn module (plain JavaScript served as is), so Node tests can use it.
export interface MrkdwnToken {
  readonly t: string;
  readonly v?: string;
  readonly c?: MrkdwnToken[];
  readonly href?: string;
  readonly id?: string;
  readonly label?: string;
  readonly ts?: number;
  readonly format?: string;
}
export function parseMrkdwn(text: string): MrkdwnToken[];
export function safeHref(url: string): string | undefined;
export function unescapeSlack(text: string): string;
export function formatSlackDate(seconds: number, format: string): string | undefined;

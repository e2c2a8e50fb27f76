/** Sends one manager's daily digest as a Slack DM. Implemented where the report composition lives. */
export interface TDigestSender {
  send(memberId: string, date: string): Promise<void>;
}

/** Mastodon counts every URL as 23 characters and a remote mention by its local part only. */
const URL_WEIGHT = 23;

/** The length Mastodon's own counter gives a status. */
export function mastodonLength(text: string): number {
  const counted = text.replace(/https?:\/\/\S+/g, 'x'.repeat(URL_WEIGHT)).replace(/@([\w.-]+)@[\w.-]+\.[a-z]{2,}/gi, '@$1');
  return [...counted].length;
}

/** null when the status fits, else a sentence for staff saying by how much it does not. */
export function mastodonLengthProblem(status: string, max: number, addedMention: boolean): string | null {
  const len = mastodonLength(status);
  if (len <= max) return null;
  const note = addedMention ? ' (counting the @mention Earshot adds so the person is notified)' : '';
  return `Mastodon allows ${max} characters; this reply has ${len}${note}. Shorten it by ${len - max}.`;
}

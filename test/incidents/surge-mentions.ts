import type { TMention } from '../../src/mention.js';

const OPENERS = ['is the internet down in Leeds?', 'Is the internet down in Leeds??', 'internet down in Leeds?', 'is the internet down in Leeds right now?', 'anyone else in Leeds with the internet down?'];
const TAILS = ['nothing loading', 'no connection at all', 'been off for an hour', 'working from home and stuck', 'hub light is red', 'can\'t even load google', 'kids going mad', 'third time this month', 'no wifi anywhere in the house', 'totally dead'];

/**
 * The surge: `n` near-identical "is the internet down in Leeds?" complaints from different customers, with the
 * small variations real people type (case, punctuation, a few words of their own). Deterministic.
 */
export function outageSurge(n: number, at: () => Date): TMention[] {
  return Array.from({ length: n }, (_, i) => ({
    platform: 'x' as const,
    externalId: `leeds-${i}`,
    text: `@acmebroadband ${OPENERS[i % OPENERS.length]} ${TAILS[(i * 7) % TAILS.length]}`,
    createdAt: at().toISOString(),
    author: { handle: `leeds_customer_${i}`, followers: 40 + ((i * 37) % 900), ...(i % 97 === 0 && { displayName: `Leeds <!channel> ${i}` }) },
  }));
}

const ORDINARY = [
  'my router keeps blinking orange since the firmware update, how do I reset it?',
  'wifi drops every evening in my flat in Bristol, router replaced twice already',
  'was charged twice for my November bill, can someone look at it',
  'the engineer fixed my line today, brilliant service thank you',
  'do you offer fibre to business premises in Cardiff?',
  'my bill went up by 15 pounds without any notice',
  'how do I change the wifi password on the new hub?',
  'tv box freezes when I switch channels',
  'any deals for students moving into halls next month?',
  'the hub ethernet port stopped working after a power cut',
  'thanks for sorting my broadband so quickly yesterday',
  'can I pause my contract while I am abroad for 3 months?',
  'why is my upload speed half of what I pay for in Manchester',
  'got a text about a missed payment but I paid on time',
  'is there a way to get a static IP on home plans',
  'my parcel with the new router never arrived',
  'love the new app design, much easier',
  'phone line crackles whenever it rains',
  'how long does it take to port my number over?',
  'the set-top box remote stopped pairing after the update',
];

/** Ordinary mentions that arrive during the surge, each marked `[ord-N]` so its card can be found. */
export function ordinaryMentions(at: () => Date): TMention[] {
  return ORDINARY.map((t, i) => ({ platform: 'x' as const, externalId: `ordinary-${i}`, text: `@acmebroadband ${t} [ord-${i}]`, createdAt: at().toISOString(), author: { handle: `regular_${i}` } }));
}

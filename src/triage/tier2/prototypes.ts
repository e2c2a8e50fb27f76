/**
 * Nearest-prototype heads for spam and category: a few plain descriptions of each kind of post, embedded
 * once when the second tier starts; a post's similarity to each set (softmax over the best match per
 * class) is the head's probability. Written for this purpose (no decision-set text), so they describe the
 * kinds rather than memorise examples; adding a line is how a new kind of traffic is taught.
 */
import type { TCategory } from '../../config/org-chart-schema.js';

export const CATEGORY_PROTOTYPES: Readonly<Record<Exclude<TCategory, 'spam' | 'abuse'>, readonly string[]>> = {
  outage: [
    'my internet connection is down and nothing will load',
    'there is no broadband or wifi in my area since this morning',
    'the mobile network has no signal and I cannot make calls',
    'the TV service is not working, every channel shows no signal',
    'is there an outage, the whole neighbourhood is offline',
  ],
  defect: [
    'the router keeps restarting itself and dropping the connection',
    'my device stopped working after the software update and will not turn on',
    'the app crashes every time I open it',
    'the replacement box is faulty and the ports do not work',
    'the remote control and the handset are broken',
  ],
  billing: [
    'I was charged twice on my bill and want a refund',
    'my monthly price went up without warning while in contract',
    'you are still taking direct debit payments after I cancelled',
    'there is a fee on my invoice that I never agreed to',
  ],
  delivery: [
    'my order has not arrived and the tracking has not moved',
    'the engineer did not turn up for the installation appointment',
    'the parcel was marked as delivered but I never received it',
    'the installation date keeps being rescheduled',
  ],
  service: [
    'I have been on hold for hours and nobody calls me back',
    'the customer service agent was rude and did not help',
    'I raised a complaint weeks ago and still have no response',
    'the chat support keeps giving me different answers',
  ],
  question: [
    'how do I change my wifi password',
    'does this plan include the TV app',
    'what time does the shop open on Saturday',
    'can I keep my phone number if I move house',
  ],
  praise: [
    'thank you, the engineer was brilliant and fixed everything',
    'really happy with the fast and reliable connection',
    'great customer service, my problem was sorted quickly',
    'love the new router, it looks great and works perfectly',
  ],
  lead: [
    'I am thinking of switching to you, what deals do you have',
    'how much is the fibre package, I want to sign up',
    'is your service available at my address, I want to join',
    'can I get a quote for business broadband',
  ],
  other: [
    'watching the match tonight',
    'saw the company van outside today',
    'an article about the broadband industry',
    'the company sponsored a local event this weekend',
    'this company is the worst, everyone knows it lol',
  ],
};

export const SPAM_PROTOTYPES: readonly string[] = [
  'buy real followers and likes cheap, message me',
  'earn hundreds a day working from home, ask me how',
  'crypto investment with guaranteed returns, join our group',
  'check out my channel and subscribe for daily videos',
  'we offer paid promotion to our followers, send us a DM',
  'claim your free gift now at this link',
  'nice post! visit my profile for exclusive deals',
  'giveaway: follow, like and share to win a free phone',
];

export const NOT_SPAM_PROTOTYPES: readonly string[] = [
  'my internet is down, please help',
  'thanks for the quick fix',
  'how do I change my plan',
  'I was charged twice this month',
  'the engineer never showed up',
  'your ads are annoying',
];

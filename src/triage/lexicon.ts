/**
 * Hand-written English lexicons. They give the learned models features that generalise beyond the
 * few thousand labelled tweets (a word never seen in training still carries its polarity), and they
 * make reasons explainable ("says: refund, still waiting").
 */

const words = (s: string): Set<string> => new Set(s.trim().split(/\s+/));

export const POSITIVE = words(`
  good great awesome amazing excellent fantastic wonderful brilliant superb outstanding perfect love loved loves
  loving lovely like liked likes nice cool best better happy glad pleased delighted thrilled excited exciting
  enjoy enjoyed enjoying fun funny beautiful gorgeous stunning impressive impressed incredible fabulous
  terrific marvelous marvellous thanks thank thankful grateful appreciate appreciated helpful friendly kind
  fast quick quickly smooth easy reliable recommend recommended win winner winning won favourite favorite fave
  yay woohoo wow congrats congratulations cheers sweet neat solid super legend legendary hero heroes epic
  pleasure pleasant satisfied satisfying superb stellar phenomenal flawless seamless spot-on top
  rock rocks rocked genius clever smart brilliant brill lush ace proud praise praised blessed lucky
  hope hopeful looking-forward forward excite interesting cute adorable haha hahaha lol lmao yes yeah
  fixed resolved sorted works working improved improvement upgrade upgraded worth valuable bargain
  glorious heaven heavenly joy joyful fave fav faves loyal trust trusted safe comfortable comfy
  `);

export const NEGATIVE = words(`
  bad terrible awful horrible horrendous dreadful appalling atrocious abysmal poor worst worse hate hated hates
  hating dislike disappointed disappointing disappointment annoyed annoying annoys angry furious livid mad upset
  sad unhappy miserable frustrated frustrating frustration useless pathetic ridiculous disgusting disgrace
  disgraceful shameful shame joke rubbish garbage trash crap crappy shit shitty sucks suck sucked sucky fail
  failed fails failing failure broken broke break breaks crash crashed crashes crashing bug buggy glitch
  glitchy error errors slow slowest laggy lag lagging outage down dead died dying problem problems issue issues
  wrong unacceptable inexcusable incompetent incompetence rude unhelpful ignored ignoring ignore scam scammed
  rip ripoff rip-off overcharged overpriced expensive refund complaint complain complaining sorry worry worried
  worse nightmare disaster disastrous mess messed hassle painful pain hurt hurts hurting damn dammit wtf smh
  ugh ugly stupid idiot idiots idiotic dumb moron morons clown clowns liar liars lie lies lying cheat cheated
  cheats fraud stolen steal stole lost missing late delay delayed delays cancelled canceled cancel stuck
  waiting wait waited never unreliable unusable faulty defective damaged poorly boring bored tired sick
  fear scared afraid terrible cry crying cried lame meh worthless hopeless helpless kill killed killing
  die death dies war attack attacked racist sexist nasty evil horrific tragic tragedy crisis sadly
  unfortunately fml shocking shocked outrage outrageous insane disrespect disrespectful unfair apologize
  avoid warning beware dangerous danger threat threatened angry grr argh
  `);

/** Words that flip polarity of what follows, up to the next clause break. */
export const NEGATORS = words(`
  not no never none nobody nothing neither nor nowhere cannot cant dont doesnt didnt isnt wasnt arent werent
  wont wouldnt shouldnt couldnt havent hasnt hadnt aint without
  `);

export const INTENSIFIERS = words(`
  very so really extremely totally absolutely completely utterly incredibly super truly seriously
  highly literally insanely ridiculously beyond most too such quite fucking freaking bloody damn
  `);

/** Profanity and insults: for offensive detection and for flagging abuse in reasons. */
export const PROFANITY = words(`
  fuck fucking fucked fucker fuckers fck fk fuk motherfucker mf shit shitty bullshit ass asshole assholes arse
  arsehole bitch bitches bastard bastards damn dick dicks dickhead cunt cunts piss pissed prick twat wanker
  idiot idiots moron morons stupid dumb dumbass retard retarded loser losers scum scumbag pathetic clown
  clowns trash garbage liar liars disgusting hoe hoes slut whore pussy cock jerk stfu gtfo wtf suck sucks
  crap crappy bloody hell traitor traitors nazi nazis fascist fascists libtard libtards snowflake
  `);

/** Signals that a post is complaining about a product or service rather than merely being negative. */
export const COMPLAINT_CUES = words(`
  still waiting again yet hours days weeks refund refunded fix fixed broken working work works responded response
  reply replied respond customer service support help helpline hold delay delayed cancelled canceled late
  never received arrived order ordered delivery charged charge bill billing overcharged money account
  disappointed unacceptable worst terrible awful useless poor complaint complain why dm problem issue
  issues error crash crashed outage down unable cant can't won't wont doesnt doesn't didnt didn't ticket
  booked booking flight train store branch staff manager agent rep engineer appointment
  `);

/** Explicit markers of irony; the irony model covers the implicit kind. */
export const SARCASM_MARKERS: readonly RegExp[] = [
  /#(?:sarcasm|sarcastic|not|irony|ironic|notreally|jk|yeahright)\b/i,
  /\byeah,? right\b/i,
  /\bthanks a lot\b/i,
  /\bjust what i (?:needed|wanted)\b/i,
  /\b(?:oh )?great,? (?:just|another|now|thanks)\b/i,
  /\bso glad i\b.*\b(?:waited|paid|wasted)\b/i,
  /\bgotta love\b/i,
  /\bwhat a surprise\b/i,
  /(?:^|\s)\/s\b/,
  /\blove (?:how|when|that) (?:you|my|i|it)\b.*\b(?:not|never|no|again|still|hours|broke|down)\b/i,
];

export const POSITIVE_EMOJI = new Set(
  Array.from('😀😃😄😁😆😊🙂😉😍🥰😘😋😎🤩🥳👍👌👏🙌💪🎉🎊❤🧡💛💚💙💜💖💗💓💕💞😻✨🌟⭐🔥💯🤗☺😇🏆🥇✅🙏💐🌹😂🤣😅'),
);
export const NEGATIVE_EMOJI = new Set(
  Array.from('😞😔😟😕🙁☹😣😖😫😩😢😭😤😠😡🤬🤯😱😨😰😥😓🤢🤮💩👎💔😒🙄😑😐😬🤦🤷😪😿⚠❌🛑🖕🤡'),
);

/** Emoticons as written in ASCII, mapped to a polarity. */
export const EMOTICON_POLARITY: ReadonlyMap<string, number> = new Map([
  [':)', 1], [':-)', 1], [':d', 1], [':-d', 1], [';)', 1], [';-)', 1], ['=)', 1], [':p', 0.5], [':-p', 0.5],
  ['<3', 1], [':]', 1], ['=d', 1], [':o)', 1],
  [':(', -1], [':-(', -1], [":'(", -1], [':/', -0.7], [':-/', -0.7], [':\\', -0.7], [':|', -0.4], ['=(', -1],
  [':[', -1], ['</3', -1], ['>:(', -1], [':@', -1], [':s', -0.6],
]);

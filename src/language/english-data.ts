/**
 * English word-level tables: leetspeak letters, masked profanity, and informal spellings. Data only; english.ts
 * applies them to whole tokens.
 */

/** Digits and symbols read as letters inside a token that also has letters ("4rrest", "$h!t", "l0ser"). */
export const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', '$': 's', '!': 'i' };

/**
 * Endings after a leading number that make it a quantity, a time or an ordinal, not leetspeak: 4pm, 10am, 3rd,
 * 24h, 5x, 2k, 4g, 30mins, 12months.
 */
export const NUMBER_SUFFIXES = new Set([
  'am', 'pm', 'st', 'nd', 'rd', 'th', 'h', 'hr', 'hrs', 'k', 'm', 'x', 's', 'd', 'g', 'min', 'mins', 'yr', 'yrs', 'day',
  'days', 'week', 'weeks', 'month', 'months', 'gb', 'mb', 'kg', 'km', 'usd', 'rmb', 'cny', 'pct',
]);

/**
 * Words masked with `*` ("f***", "f**k", "sh*t", "b***h", "a**hole"). A masked token becomes the first word here of
 * the same length whose letters agree with every letter the token shows; order puts the likelier reading first.
 */
export const MASKED_WORDS = [
  'fuck', 'shit', 'damn', 'crap', 'dick', 'piss', 'cunt', 'ass', 'bitch', 'fucks', 'shits', 'fucker', 'fucked',
  'fucking', 'shitty', 'bitches', 'asshole', 'bastard', 'bullshit', 'motherfucker', 'goddamn', 'dumbass', 'jackass',
  'retard', 'idiot', 'moron', 'stupid', 'loser',
];

/** Informal spellings and apostrophe-less contractions → the form the rule patterns are written in. */
export const INFORMAL: Record<string, string> = {
  gonna: 'going to', wanna: 'want to', gotta: 'got to', hafta: 'have to', lemme: 'let me', gimme: 'give me',
  kinda: 'kind of', sorta: 'sort of', outta: 'out of', dunno: "don't know", ya: 'you', u: 'you', ur: 'your',
  yall: "you all", "y'all": 'you all', cuz: 'because', coz: 'because', cos: 'because', bc: 'because',
  tho: 'though', pls: 'please', plz: 'please', thx: 'thanks', thanx: 'thanks', ppl: 'people', idk: "i don't know",
  dont: "don't", wont: "won't", cant: "can't", isnt: "isn't", arent: "aren't", wasnt: "wasn't", werent: "weren't",
  didnt: "didn't", doesnt: "doesn't", havent: "haven't", hasnt: "hasn't", hadnt: "hadn't", wouldnt: "wouldn't",
  shouldnt: "shouldn't", couldnt: "couldn't", aint: "ain't", im: "i'm", ive: "i've", youre: "you're",
  youll: "you'll", youve: "you've", theyre: "they're", thats: "that's", whats: "what's",
};

/**
 * Unicode's explicit direction controls (embeddings, overrides, isolates: U+202A–U+202E, U+2066–U+2069). In a name or
 * a post they flip how the rest of the line reads, so "Bob ‮knab" can pass for "Bob bank" and a spoofed
 * link or "approved by" line can read as something else. Right-to-left text itself needs none of them (the
 * Unicode bidi algorithm orders Arabic and Hebrew by itself), so text we did not write loses them on every surface.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

export const stripBidiControls = (text: string): string => text.replace(BIDI_CONTROLS, '');

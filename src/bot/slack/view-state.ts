import type { ViewOutput } from '@slack/bolt';

type TStateValue = { value?: string | null; selected_option?: { value: string } | null; selected_date_time?: number | null };

/** Reads one input from a submitted view; block ids may carry a revision suffix (`reply_text:2`). */
export function inputValue(view: ViewOutput, blockPrefix: string, actionId: string): TStateValue | undefined {
  const values = view.state.values as Record<string, Record<string, TStateValue>>;
  const key = Object.keys(values).find((k) => k === blockPrefix || k.startsWith(`${blockPrefix}:`));
  return key ? values[key]?.[actionId] : undefined;
}

export const textOf = (view: ViewOutput, block: string, action = 'text') => inputValue(view, block, action)?.value ?? '';

/** The block id actually used for an input, so an error can be shown under it. */
export function blockIdOf(view: ViewOutput, blockPrefix: string): string {
  return Object.keys(view.state.values).find((k) => k === blockPrefix || k.startsWith(`${blockPrefix}:`)) ?? blockPrefix;
}

export function metadata<T extends Record<string, unknown>>(view: ViewOutput): Partial<T> {
  try {
    return JSON.parse(view.private_metadata || '{}') as Partial<T>;
  } catch {
    return {};
  }
}

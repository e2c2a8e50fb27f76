/**
 * A compact check of the Adaptive Card schema, limited to the subset Earshot renders (there is no network
 * to fetch adaptive-card.json). It knows each element and action type we use, the version that introduced it
 * and its properties, required properties and enum values; it also checks the card version is at most 1.5,
 * that Action.Execute has a verb, input ids are unique, every `<at>` has its mention entity, and the size.
 */
const V = (s: string) => Number(s);
const COLORS = ['Default', 'Dark', 'Light', 'Accent', 'Good', 'Warning', 'Attention'];
const COMMON = { id: 'string', spacing: ['None', 'Small', 'Default', 'Medium', 'Large', 'ExtraLarge', 'Padding'], separator: 'boolean', isVisible: 'boolean' } as const;
const INPUT = { ...COMMON, id: 'string', label: 'string', isRequired: 'boolean', errorMessage: 'string' } as const;

type TSpec = { since: string; required: string[]; props: Record<string, string | readonly string[]> };
const ELEMENTS: Record<string, TSpec> = {
  TextBlock: {
    since: '1.0',
    required: ['text'],
    props: { ...COMMON, text: 'string', wrap: 'boolean', color: COLORS, size: ['Small', 'Default', 'Medium', 'Large', 'ExtraLarge'], weight: ['Lighter', 'Default', 'Bolder'], isSubtle: 'boolean', maxLines: 'number', horizontalAlignment: ['Left', 'Center', 'Right'] },
  },
  RichTextBlock: { since: '1.2', required: ['inlines'], props: { ...COMMON, inlines: 'array' } },
  Container: { since: '1.0', required: ['items'], props: { ...COMMON, items: 'array', style: ['default', 'emphasis', 'good', 'attention', 'warning', 'accent'], bleed: 'boolean' } },
  ActionSet: { since: '1.2', required: ['actions'], props: { ...COMMON, actions: 'array' } },
  FactSet: { since: '1.0', required: ['facts'], props: { ...COMMON, facts: 'array' } },
  'Input.Text': { since: '1.0', required: ['id'], props: { ...INPUT, isMultiline: 'boolean', maxLength: 'number', value: 'string', placeholder: 'string' } },
  'Input.ChoiceSet': { since: '1.0', required: ['id', 'choices'], props: { ...INPUT, choices: 'array', style: ['compact', 'expanded'], value: 'string', isMultiSelect: 'boolean', placeholder: 'string' } },
  'Input.Date': { since: '1.0', required: ['id'], props: { ...INPUT, value: 'string', min: 'string', max: 'string' } },
  'Input.Time': { since: '1.0', required: ['id'], props: { ...INPUT, value: 'string', min: 'string', max: 'string' } },
};
const ACTION_COMMON = { title: 'string', style: ['default', 'positive', 'destructive'], mode: ['primary', 'secondary'], id: 'string', tooltip: 'string', isEnabled: 'boolean' } as const;
const ACTIONS: Record<string, TSpec> = {
  'Action.Execute': { since: '1.4', required: ['verb', 'title'], props: { ...ACTION_COMMON, verb: 'string', data: 'object' } },
  'Action.Submit': { since: '1.0', required: ['title'], props: { ...ACTION_COMMON, data: 'object' } },
  'Action.OpenUrl': { since: '1.0', required: ['url', 'title'], props: { ...ACTION_COMMON, url: 'string' } },
};
/** Properties introduced after 1.0 that we use. */
const PROP_SINCE: Record<string, string> = { label: '1.3', isRequired: '1.2', errorMessage: '1.2', mode: '1.5', style: '1.0', isEnabled: '1.5', tooltip: '1.5' };

export function validateAdaptiveCard(card: unknown, maxBytes = 80 * 1024): string[] {
  const problems: string[] = [];
  const c = card as Record<string, any>;
  const bytes = Buffer.byteLength(JSON.stringify(card));
  if (bytes > maxBytes) problems.push(`card is ${bytes} bytes (max ${maxBytes})`);
  if (c?.type !== 'AdaptiveCard') problems.push('type must be "AdaptiveCard"');
  if (typeof c?.version !== 'string' || !(V(c.version) <= 1.5)) problems.push(`version must be ≤ 1.5, got ${String(c?.version)}`);
  const version = V(c?.version ?? '0');
  if (!Array.isArray(c?.body)) problems.push('body must be an array');
  for (const k of Object.keys(c ?? {})) if (!['type', 'version', 'body', 'actions', 'msteams', '$schema', 'refresh'].includes(k)) problems.push(`card: unknown property ${k}`);
  const ids = new Set<string>();
  const check = (node: Record<string, any>, specs: Record<string, TSpec>, where: string) => {
    const spec = specs[node?.type];
    if (!spec) return problems.push(`${where}: unknown type ${String(node?.type)}`);
    if (V(spec.since) > version) problems.push(`${where}: ${node.type} needs ${spec.since}`);
    for (const r of spec.required) if (node[r] === undefined || node[r] === '') problems.push(`${where}: ${node.type} is missing ${r}`);
    for (const [k, v] of Object.entries(node)) {
      if (k === 'type') continue;
      const want = spec.props[k];
      if (!want) problems.push(`${where}: ${node.type} has unknown property ${k}`);
      else if (Array.isArray(want) && !want.includes(v as string)) problems.push(`${where}: ${node.type}.${k} = ${String(v)} is not one of ${want.join('|')}`);
      else if (want === 'array' ? !Array.isArray(v) : typeof want === 'string' && typeof v !== want) problems.push(`${where}: ${node.type}.${k} must be ${String(want)}`);
      if (PROP_SINCE[k] && V(PROP_SINCE[k]!) > version) problems.push(`${where}: ${k} needs ${PROP_SINCE[k]}`);
    }
    if (node.type.startsWith('Input.')) {
      // Teams' accessibility rule: a required input needs a label (screen readers, and the required mark).
      if (node.isRequired && !node.label) problems.push(`${where}: required ${node.type} ${String(node.id)} has no label`);
      if (ids.has(node.id)) problems.push(`${where}: duplicate input id ${node.id}`);
      ids.add(node.id);
    }
    return undefined;
  };
  const walk = (elements: unknown[], where: string) =>
    elements.forEach((e, i) => {
      const el = e as Record<string, any>;
      const at = `${where}[${i}]`;
      check(el, ELEMENTS, at);
      if (el.type === 'Container' && Array.isArray(el.items)) walk(el.items, `${at}.items`);
      if (el.type === 'ActionSet' && Array.isArray(el.actions)) el.actions.forEach((a: Record<string, any>, j: number) => check(a, ACTIONS, `${at}.actions[${j}]`));
      if (el.type === 'RichTextBlock' && Array.isArray(el.inlines)) {
        el.inlines.forEach((r: Record<string, any>, j: number) => {
          if (r?.type !== 'TextRun' || typeof r.text !== 'string' || !r.text) problems.push(`${at}.inlines[${j}]: must be a TextRun with text`);
        });
      }
      if (el.type === 'FactSet') el.facts?.forEach((f: Record<string, any>, j: number) => (typeof f.title === 'string' && typeof f.value === 'string' ? null : problems.push(`${at}.facts[${j}]: needs title and value`)));
      if (el.type === 'Input.ChoiceSet') el.choices?.forEach((ch: Record<string, any>, j: number) => (typeof ch.title === 'string' && typeof ch.value === 'string' ? null : problems.push(`${at}.choices[${j}]: needs title and value`)));
    });
  if (Array.isArray(c?.body)) walk(c.body, 'body');
  (c?.actions ?? []).forEach((a: Record<string, any>, i: number) => check(a, ACTIONS, `actions[${i}]`));
  // Every <at>…</at> we wrote needs a mention entity with the same text, and every entity must be used.
  // Input values are what a person types, never rendered as mentions, so only displayed text counts.
  const json = JSON.stringify(c?.body ?? [], function (this: Record<string, unknown>, k, v: unknown) {
    return k === 'value' && String(this.type).startsWith('Input.') ? '' : v;
  });
  const tags = new Set(json.match(/<at>[^<]*<\/at>/g) ?? []);
  const entities = new Set<string>((c?.msteams?.entities ?? []).map((e: { text: string }) => e.text));
  for (const t of tags) if (!entities.has(t)) problems.push(`mention ${t} has no entity`);
  for (const e of entities) if (!tags.has(e)) problems.push(`entity ${e} is not used in the card`);
  return problems;
}

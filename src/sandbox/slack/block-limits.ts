/** Block Kit limits as Slack enforces them (REFERENCE.md), shared by the sandbox workspace and the test fake. */
export function blockProblem(blocks: unknown, max: number): string | null {
  if (blocks === undefined) return null;
  if (!Array.isArray(blocks)) return 'blocks must be an array';
  if (blocks.length > max) return `no more than ${max} items allowed [json-pointer:/blocks]`;
  const ids = new Set<string>();
  for (const [i, b] of blocks.entries()) {
    const block = b as Record<string, any>;
    if (block.block_id) {
      if (String(block.block_id).length > 255) return `block_id too long [json-pointer:/blocks/${i}/block_id]`;
      if (ids.has(block.block_id)) return `duplicate block_id [json-pointer:/blocks/${i}/block_id]`;
      ids.add(block.block_id);
    }
    if (block.type === 'section') {
      if (block.text && String(block.text.text).length > 3000) return `must be less than 3001 characters [json-pointer:/blocks/${i}/text/text]`;
      if (block.fields && (block.fields.length > 10 || block.fields.some((f: any) => String(f.text).length > 2000))) return `fields too long [json-pointer:/blocks/${i}/fields]`;
    }
    if (block.type === 'actions') {
      if (block.elements.length > 25) return `no more than 25 items allowed [json-pointer:/blocks/${i}/elements]`;
      for (const e of block.elements) {
        if (e.type === 'overflow' && (e.options.length < 1 || e.options.length > 5)) return `overflow must have 1-5 options [json-pointer:/blocks/${i}]`;
        if (e.type === 'button' && String(e.text.text).length > 75) return `button text too long [json-pointer:/blocks/${i}]`;
        if (e.value && String(e.value).length > 2000) return `value too long [json-pointer:/blocks/${i}]`;
      }
    }
    if (block.type === 'context' && block.elements.length > 10) return `no more than 10 items allowed [json-pointer:/blocks/${i}/elements]`;
  }
  return null;
}

export function viewProblem(view: Record<string, any>): string | null {
  for (const key of ['title', 'submit', 'close']) {
    if (view[key] && [...String(view[key].text)].length > 24) return `${key} must be less than 25 characters`;
  }
  if (view.private_metadata && String(view.private_metadata).length > 3000) return 'private_metadata must be less than 3001 characters';
  if (view.callback_id && String(view.callback_id).length > 255) return 'callback_id too long';
  return blockProblem(view.blocks, 100);
}
